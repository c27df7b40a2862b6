// The ready index (lib/engine/ready_index.h): its classes and their order,
// when it stays off, and the agent book keeping it equal to the ready bits
// through every kind of change.

#include "lib/engine/ready_index.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

#include "acd/config.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "lib/engine/agent_book.h"
#include "lib/engine/center.h"
#include "tests/testing/random_streams.h"

namespace acd::internal {
namespace {

using Choices = testing::Chooser;

// `n` agents, agent i with cost costs[i % costs.size()].
std::vector<AgentConfig> Agents(int n, const std::vector<double>& costs) {
  std::vector<AgentConfig> out(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out[i].cost = costs[i % costs.size()];
  return out;
}

std::vector<const AgentConfig*> Pointers(const std::vector<AgentConfig>& agents) {
  std::vector<const AgentConfig*> out;
  for (const AgentConfig& a : agents) out.push_back(&a);
  return out;
}

WorkgroupConfig CostWeighed() {
  return {.name = "w", .agent_weights = {.skill = 0, .cost = 1, .available = 1}};
}

// Empties class `c` of `index` from its top: the order it hands members out.
std::vector<uint32_t> Drain(ReadyIndex& index, size_t c, const std::vector<Time>& since) {
  std::vector<uint32_t> out;
  while (!index.members_of(c).empty()) {
    out.push_back(index.members_of(c).top());
    index.Remove(out.back(), since);
  }
  return out;
}

TEST_CASE("a class hands out its members by earliest since, then lowest member index") {
  const std::vector<AgentConfig> agents = Agents(100, {1.0});
  ReadyIndex index;
  index.Build(CostWeighed(), Pointers(agents));
  REQUIRE(index.enabled());
  REQUIRE(index.class_count() == 1);
  Choices rng(7);
  std::vector<Time> since(agents.size());
  for (uint32_t i = 0; i < agents.size(); ++i) {
    since[i] = Time::FromMicroseconds(1000 * rng.Below(10));  // many ties
    index.Insert(i, since);
  }
  const std::vector<uint32_t> order = Drain(index, 0, since);
  std::vector<uint32_t> expected(agents.size());
  for (uint32_t i = 0; i < expected.size(); ++i) expected[i] = i;
  std::sort(expected.begin(), expected.end(),
            [&](uint32_t a, uint32_t b) { return ReadyIndex::Before(a, b, since); });
  CHECK(order == expected);
}

TEST_CASE("members with equal weighed static terms share a class; unweighed terms do not count") {
  std::vector<AgentConfig> agents = Agents(90, {1.0, 2.0, 3.0});
  for (size_t i = 0; i < agents.size(); ++i) agents[i].attribute1 = static_cast<double>(i);
  ReadyIndex index;
  index.Build(CostWeighed(), Pointers(agents));  // W_attr1 = 0
  REQUIRE(index.enabled());
  CHECK(index.class_count() == 3);
  std::vector<Time> since(agents.size());
  for (uint32_t i = 0; i < agents.size(); ++i) index.Insert(i, since);
  for (size_t c = 0; c < 3; ++c) {
    std::set<double> costs;
    for (uint32_t m : index.members_of(c).slots()) costs.insert(agents[m].cost);
    CHECK(costs.size() == 1);
    CHECK(index.members_of(c).size() == 30);
  }
  // 0 and -0 weigh the same.
  std::vector<AgentConfig> zeros = Agents(70, {0.0, -0.0});
  index.Build(CostWeighed(), Pointers(zeros));
  CHECK(index.class_count() == 1);
}

TEST_CASE("a member whose since changes moves in its class") {
  const std::vector<AgentConfig> agents = Agents(70, {1.0});
  ReadyIndex index;
  index.Build(CostWeighed(), Pointers(agents));
  std::vector<Time> since(agents.size(), Time::FromMicroseconds(5));
  for (uint32_t i = 0; i < agents.size(); ++i) index.Insert(i, since);
  CHECK(index.members_of(0).top() == 0);
  since[0] = Time::FromMicroseconds(9);
  index.Moved(0, since);
  CHECK(index.members_of(0).top() == 1);
  since[42] = Time::FromMicroseconds(1);
  index.Moved(42, since);
  CHECK(index.members_of(0).top() == 42);
  // Not ready: not in the index, and Moved leaves it out.
  index.Remove(42, since);
  index.Moved(42, since);
  CHECK(index.members_of(0).size() == 69);
  CHECK(index.members_of(0).top() == 1);
}

TEST_CASE("the index stays off where the order is not fixed or not worth keeping") {
  ReadyIndex index;
  const std::vector<AgentConfig> agents = Agents(65, {1.0});
  index.Build(CostWeighed(), Pointers(agents));
  CHECK(index.enabled());
  SUBCASE("64 members or fewer: one bitmap word, scanned") {
    const std::vector<AgentConfig> few = Agents(64, {1.0});
    index.Build(CostWeighed(), Pointers(few));
    CHECK_FALSE(index.enabled());
  }
  SUBCASE("an agent order other than kScore") {
    for (AgentOrder order : {AgentOrder::kFewestInteractions, AgentOrder::kLeastTalkTime,
                             AgentOrder::kRoundRobin}) {
      WorkgroupConfig config = CostWeighed();
      config.agent_order = order;
      index.Build(config, Pointers(agents));
      CHECK_FALSE(index.enabled());
    }
  }
  SUBCASE("a negative available weight: later since scores higher") {
    WorkgroupConfig config = CostWeighed();
    config.agent_weights.available = -1;
    index.Build(config, Pointers(agents));
    CHECK_FALSE(index.enabled());
  }
  SUBCASE("more classes than kMaxClasses") {
    std::vector<double> costs;
    for (size_t c = 0; c <= ReadyIndex::kMaxClasses; ++c) costs.push_back(static_cast<double>(c));
    const std::vector<AgentConfig> many = Agents(100, costs);
    index.Build(CostWeighed(), Pointers(many));
    CHECK_FALSE(index.enabled());
    costs.pop_back();
    const std::vector<AgentConfig> enough = Agents(100, costs);
    index.Build(CostWeighed(), Pointers(enough));
    CHECK(index.enabled());
    CHECK(index.class_count() == ReadyIndex::kMaxClasses);
  }
  SUBCASE("a static term that overflows (a sum could be a NaN)") {
    std::vector<AgentConfig> huge = Agents(70, {1.0});
    huge[3].cost = 1e308;
    WorkgroupConfig config = CostWeighed();
    config.agent_weights.cost = 10;
    index.Build(config, Pointers(huge));
    CHECK_FALSE(index.enabled());
  }
  SUBCASE("Clear turns it off") {
    index.Clear();
    CHECK_FALSE(index.enabled());
  }
}

// ---- Kept by the agent book ---------------------------------------------------------

// 100 agents in three workgroups: "w0" orders by cost without a skill weight
// (its index is on from the start); "w1" has the default skill weight (on
// when asked for); "w2" is round robin (never on).
CenterConfig BookCenter() {
  CenterConfig config;
  config.workgroups.push_back({.name = "w0", .agent_weights = {.skill = 0, .cost = -1}});
  config.workgroups.push_back({.name = "w1"});
  config.workgroups.push_back({.name = "w2", .agent_order = AgentOrder::kRoundRobin});
  for (int a = 0; a < 100; ++a) {
    AgentConfig agent{.name = fmt::format("a{}", a), .cost = static_cast<double>(a % 3)};
    agent.workgroups.push_back({.workgroup = "w0"});
    if (a % 4 != 0) agent.workgroups.push_back({.workgroup = "w1", .active = a % 5 != 0});
    agent.workgroups.push_back({.workgroup = "w2"});
    config.agents.push_back(agent);
  }
  return config;
}

// Every workgroup's index holds exactly its ready members, each class in
// heap order and of one static-terms value.
void CheckOrder(const Center& center, const AgentBook& book) {
  for (int w = 0; w < center.workgroup_count(); ++w) {
    INFO("workgroup ", w);
    const MemberBits& bits = book.members(WorkgroupId(w));
    const ReadyIndex& index = bits.order;
    if (!index.enabled()) continue;
    const WorkgroupModel& model = center.workgroup_model(WorkgroupId(w));
    std::set<uint32_t> in_index;
    for (size_t c = 0; c < index.class_count(); ++c) {
      const std::vector<uint32_t>& heap = index.members_of(c).slots();
      for (size_t p = 0; p < heap.size(); ++p) {
        CHECK(in_index.insert(heap[p]).second);
        if (p > 0) CHECK_FALSE(ReadyIndex::Before(heap[p], heap[(p - 1) / 2], bits.since));
        const auto terms = [&](uint32_t m) {
          return ReadyIndex::TermsOf(center.workgroup(WorkgroupId(w)).agent_weights,
                                     center.agent(model.members[m]));
        };
        CHECK(terms(heap[p]) == terms(heap[0]));
      }
    }
    std::set<uint32_t> ready;
    for (uint32_t i = 0; i < model.members.size(); ++i) {
      if ((bits.words[i / 64].ready >> (i % 64)) & 1) ready.insert(i);
    }
    CHECK(in_index == ready);
  }
}

// One random change of the kinds that move readiness or since.
void Step(const Center& center, Choices& rng, AgentBook& book, uint64_t& next_id, Time now) {
  const AgentId id(static_cast<uint32_t>(rng.Below(static_cast<int>(book.size()))));
  const AgentState& s = book.agent(id);
  const AgentModel& model = center.agent_model(id);
  // Mostly the available status, so that many members are ready.
  const StatusId status = rng.OneIn(4)
                              ? StatusId(static_cast<uint32_t>(rng.Below(center.status_count())))
                              : center.available_status();
  switch (rng.Below(11)) {
    case 0:
      if (!s.logged_in) book.LogIn(id, status, now);
      break;
    case 1:
      if (s.logged_in && s.wrapping.empty()) book.LogOut(id);
      break;
    case 2:
      book.SetStatus(id, status);
      break;
    case 3:
      book.SetActive(id, rng.Below(static_cast<int>(model.workgroups.size())), rng.OneIn(2));
      break;
    case 4:
      if (book.HasCapacity(id, model.workgroups[0], MediaType::kCall)) {
        book.Take(id, InteractionId(next_id++), MediaType::kCall, 100);
      }
      break;
    case 5:
      if (!s.held.empty()) book.Give(id, s.held.back(), MediaType::kCall, 100, false);
      break;
    case 6:
      s.delay_pending ? book.Unblock(id) : book.Block(id, now + Seconds(5));
      break;
    case 7:
      book.SetAvailableSince(id, now);
      break;
    default:  // back to work, so that many members are ready
      if (!s.held.empty()) {
        book.Give(id, s.held.back(), MediaType::kCall, 100, false);
      } else if (!s.logged_in) {
        book.LogIn(id, center.available_status(), now);
      } else if (s.delay_pending) {
        book.Unblock(id);
      } else {
        book.SetStatus(id, center.available_status());
      }
      break;
  }
}

TEST_CASE("the agent book keeps the index equal to the ready members through every change") {
  auto built = Center::Build(BookCenter());
  REQUIRE(built.ok());
  const Center& center = *built;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    AgentBook book(center);
    CHECK(book.members(WorkgroupId(0)).order.enabled());
    CHECK_FALSE(book.members(WorkgroupId(1)).order.enabled());
    CHECK_FALSE(book.members(WorkgroupId(2)).order.enabled());
    Choices rng(seed);
    uint64_t next_id = 1;
    int step = 0;
    const auto run = [&](int steps) {
      for (int end = step + steps; step < end; ++step) {
        Step(center, rng, book, next_id, Time::FromMicroseconds(step * 1000));
      }
    };
    run(600);
    CheckOrder(center, book);
    size_t in_w0 = 0;
    for (size_t c = 0; c < book.members(WorkgroupId(0)).order.class_count(); ++c) {
      in_w0 += book.members(WorkgroupId(0)).order.members_of(c).size();
    }
    CHECK(in_w0 >= 20);  // the checks above looked at real heaps
    // Asked for, w1's index starts from the ready bits of the moment.
    book.WantOrder(WorkgroupId(1));
    CHECK(book.members(WorkgroupId(1)).order.enabled());
    CheckOrder(center, book);
    run(600);
    CheckOrder(center, book);
    // A rebuild (reconfiguration) keeps it on and refills it.
    book.Rebuild();
    CHECK(book.members(WorkgroupId(1)).order.enabled());
    CheckOrder(center, book);
    run(300);
    CheckOrder(center, book);
    // A snapshot restored into a fresh book.
    AgentBook restored(center);
    for (int a = 0; a < center.agent_count(); ++a) {
      const AgentId id(a);
      restored.Restore(id, book.Export(id));
      const AgentState& s = book.agent(id);
      for (size_t k = 0; k < s.held.size(); ++k) restored.ChargeRestored(id, MediaType::kCall, 100);
    }
    restored.Rebuild();
    CheckOrder(center, restored);
    for (int w = 0; w < 2; ++w) {
      // The same members in the same classes (w1 only once asked for again).
      if (!restored.members(WorkgroupId(w)).order.enabled()) continue;
      const std::vector<MemberWord>& a = restored.members(WorkgroupId(w)).words;
      const std::vector<MemberWord>& b = book.members(WorkgroupId(w)).words;
      REQUIRE(a.size() == b.size());
      for (size_t i = 0; i < a.size(); ++i) CHECK(a[i].ready == b[i].ready);
    }
  }
}

}  // namespace
}  // namespace acd::internal
