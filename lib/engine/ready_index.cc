// The ready index (ready_index.h): classes of members by static terms,
// each a heap by (since, member index).

#include "lib/engine/ready_index.h"

#include <algorithm>
#include <cmath>

namespace acd::internal {

ReadyIndex::StaticTerms ReadyIndex::TermsOf(const AgentWeights& w, const AgentConfig& agent) {
  // Exactly the products Score (scoring.h) adds, for the weighed terms.
  return {w.cost != 0 ? agent.cost * w.cost : 0,
          w.attribute1 != 0 ? agent.attribute1 * w.attribute1 : 0,
          w.attribute2 != 0 ? agent.attribute2 * w.attribute2 : 0,
          w.attribute3 != 0 ? agent.attribute3 * w.attribute3 : 0};
}

void ReadyIndex::Clear() {
  enabled_ = false;
  class_of_.clear();
  position_.clear();
  classes_.clear();
}

void ReadyIndex::Build(const WorkgroupConfig& config,
                       const std::vector<const AgentConfig*>& members) {
  Clear();
  if (!OrderFixed(config) || members.size() <= kMinMembers) return;
  std::vector<StaticTerms> terms;  // by class
  std::vector<uint32_t> sizes;     // by class
  class_of_.resize(members.size());
  for (size_t i = 0; i < members.size(); ++i) {
    const StaticTerms t = TermsOf(config.agent_weights, *members[i]);
    if (!std::all_of(t.begin(), t.end(), [](double v) { return std::isfinite(v); })) {
      class_of_.clear();
      return;
    }
    // Compared with ==, as the sums compare them: 0 and -0 are one class.
    const auto at = std::find(terms.begin(), terms.end(), t);
    if (at == terms.end() && terms.size() == kMaxClasses) {
      class_of_.clear();
      return;
    }
    class_of_[i] = static_cast<uint32_t>(at - terms.begin());
    if (at == terms.end()) {
      terms.push_back(t);
      sizes.push_back(0);
    }
    ++sizes[class_of_[i]];
  }
  position_.assign(members.size(), kOut);
  classes_.resize(terms.size());
  for (size_t c = 0; c < classes_.size(); ++c) classes_[c].Reserve(sizes[c]);
  enabled_ = true;
}

void ReadyIndex::Push(uint32_t member, const std::vector<Time>& since) {
  Traits traits{since, position_};
  classes_[class_of_[member]].Push(member, traits);
}

void ReadyIndex::Take(uint32_t member, const std::vector<Time>& since) {
  Traits traits{since, position_};
  classes_[class_of_[member]].Remove(member, traits);
  position_[member] = kOut;
}

void ReadyIndex::Update(uint32_t member, const std::vector<Time>& since) {
  Traits traits{since, position_};
  classes_[class_of_[member]].Update(member, traits);
}

size_t ReadyIndex::bytes() const {
  size_t total = (class_of_.capacity() + position_.capacity()) * sizeof(uint32_t) +
                 classes_.capacity() * sizeof(SlotHeap);
  for (const SlotHeap& heap : classes_) total += heap.capacity() * sizeof(uint32_t);
  return total;
}

}  // namespace acd::internal
