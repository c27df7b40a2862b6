// The waiting index (lib/engine/waiting_index.h): its heaps stay ordered and
// every recorded position and count agrees with where the slots are, after
// any sequence of filing, unfiling, moving between buckets, re-keying and
// moving between workgroups, checked against a model kept by the test.

#include "lib/engine/waiting_index.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "acd/config.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "lib/engine/agent_book.h"
#include "lib/engine/center.h"
#include "tests/testing/random_streams.h"

namespace acd::internal {
namespace {

// The tests' seeded chooser (SplitMix64).
using Choices = testing::Chooser;

// Three workgroups with zero, two and five tiers, and eight agents (the
// preferred agents of reserved interactions).
Center TestCenter() {
  CenterConfig config;
  config.workgroups.push_back({.name = "w0"});
  config.workgroups.push_back({.name = "w1",
                               .tiers = {{.threshold = 80, .duration = Seconds(10)},
                                         {.threshold = 50, .duration = Seconds(20)}}});
  WorkgroupConfig w2{.name = "w2"};
  for (int k = 0; k < 5; ++k) {
    w2.tiers.push_back({.threshold = 90 - 10 * k, .duration = Seconds(5 + k)});
  }
  config.workgroups.push_back(w2);
  for (int a = 0; a < 8; ++a) {
    config.agents.push_back(
        {.name = fmt::format("a{}", a), .workgroups = {{.workgroup = "w0"}, {.workgroup = "w2"}}});
  }
  auto center = Center::Build(config);
  REQUIRE(center.ok());
  return *std::move(center);
}

// A few requirement sets, so that interactions share groups.
std::vector<SkillRequirement> Requirements(int which) {
  switch (which) {
    case 0:
      return {};
    case 1:
      return {{.skill = SkillId(0)}};
    default:
      return {{.skill = SkillId(0), .min_proficiency = 30}, {.skill = SkillId(1)}};
  }
}

const std::vector<TierConfig> kOwnTiers = {{.threshold = 60, .duration = Seconds(3)}};

// The index under test, with what the test believes it holds: the live ids,
// and the most slots ever live at once.
struct Fixture {
  explicit Fixture(uint64_t seed) : rng(seed), agents(center), index(center, agents) {}

  Center center = TestCenter();
  Choices rng;
  AgentBook agents;
  WaitingIndex index;
  std::set<InteractionId> live;
  size_t most_live = 0;
  uint64_t next_id = 1;

  // A live record chosen at random, or null; `waiting` picks among the
  // waiting ones only (or, false, among the others).
  InteractionRecord* Pick(bool waiting) {
    std::vector<InteractionId> ids;
    for (InteractionId id : live) {
      if ((index.Find(id)->state == InteractionState::kWaiting) == waiting) ids.push_back(id);
    }
    if (ids.empty()) return nullptr;
    return index.Find(ids[rng.Below(static_cast<int>(ids.size()))]);
  }
  uint32_t Buckets(const InteractionRecord& x) const {
    return static_cast<uint32_t>(index.group(x.group).buckets.size());
  }
  // Keys that tie often, so that the tie-breaks are exercised.
  void RandomKeys(InteractionRecord& x) {
    x.order_key = rng.Below(4);
    x.entered_queue = Time::FromMicroseconds(rng.Below(3));
    x.bucket = static_cast<uint32_t>(rng.Below(static_cast<int>(Buckets(x))));
  }

  void Arrive() {
    const WorkgroupId wg(static_cast<uint32_t>(rng.Below(3)));
    const MediaType media = rng.Of({MediaType::kCall, MediaType::kChat, MediaType::kEmail});
    const bool own_tiers = rng.OneIn(4);
    const uint32_t group = index.GroupFor(wg, media, Requirements(rng.Below(3)),
                                          own_tiers ? kOwnTiers : center.workgroup(wg).tiers);
    InteractionRecord& x = index.Create(InteractionId(next_id++));
    x.workgroup = wg;
    x.media = media;
    x.group = group;
    x.own_tiers = own_tiers;
    RandomKeys(x);
    if (rng.OneIn(5)) {
      x.preferred_agent = AgentId(static_cast<uint32_t>(rng.Below(8)));
      x.preference_open = true;
    }
    index.File(x);
    live.insert(x.id);
    most_live = std::max(most_live, live.size());
  }

  // One random change, keeping the index's preconditions: keys change only
  // while unfiled.
  void Step() {
    switch (rng.Below(9)) {
      case 0:
      case 1:
        Arrive();
        break;
      case 2:  // offered: out of the queue, still live
        if (InteractionRecord* x = Pick(true)) {
          index.Unfile(*x);
          x->state = InteractionState::kAlerting;
        }
        break;
      case 3:  // abandoned while waiting, or ended after an offer
        if (InteractionRecord* x = Pick(rng.OneIn(2))) {
          if (x->state == InteractionState::kWaiting) index.Unfile(*x);
          live.erase(x->id);
          index.Delete(*x);
        }
        break;
      case 4:  // back in the queue
        if (InteractionRecord* x = Pick(false)) {
          x->state = InteractionState::kWaiting;
          x->preference_open = false;
          RandomKeys(*x);
          index.File(*x);
        }
        break;
      case 5:  // a tier boundary passed, or any bucket
        if (InteractionRecord* x = Pick(true)) {
          index.MoveBucket(*x, static_cast<uint32_t>(rng.Below(static_cast<int>(Buckets(*x)))));
        }
        break;
      case 6:  // re-keyed (a priority change)
        if (InteractionRecord* x = Pick(true)) {
          index.Unfile(*x);
          x->order_key = rng.Below(4);
          index.File(*x);
        }
        break;
      case 7:  // the preferred-agent window closed
        if (InteractionRecord* x = Pick(true); x != nullptr && x->preference_open) {
          index.Unfile(*x);
          x->preference_open = false;
          index.File(*x);
        }
        break;
      case 8:  // moved to another workgroup (transfer, overflow)
        if (InteractionRecord* x = Pick(true)) {
          const WorkgroupId wg(static_cast<uint32_t>(rng.Below(3)));
          index.Unfile(*x);
          x->group = index.GroupIn(*x, wg);
          x->workgroup = wg;
          x->preference_open = false;
          RandomKeys(*x);
          index.File(*x);
        }
        break;
    }
  }
};

// Checks every heap, list, position and count of the index against the
// records, from first principles.
void CheckIndex(const Fixture& f) {
  const WaitingIndex& index = f.index;
  // The id map and the free slots agree with the live records.
  REQUIRE(index.live() == f.live.size());
  CHECK(index.slot_count() == f.most_live);  // freed slots are reused first
  std::set<uint32_t> live_slots;
  for (InteractionId id : f.live) {
    const InteractionRecord* x = index.Find(id);
    REQUIRE(x != nullptr);
    CHECK(x->id == id);
    live_slots.insert(index.SlotOf(*x));
  }
  for (uint32_t slot = 0; slot < index.slot_count(); ++slot) {
    CHECK(index.record(slot).id.valid() == live_slots.contains(slot));
  }
  CHECK(index.LiveIds() == std::vector<InteractionId>(f.live.begin(), f.live.end()));

  // Every bucket is a heap in ComesFirst order, its top the best of its
  // members, and each member knows where it is.
  std::map<uint32_t, std::set<uint32_t>> in_bucket;  // ref -> slots
  for (uint32_t g = 0; g < index.groups().size(); ++g) {
    const Group& group = index.group(g);
    size_t waiting = 0;
    for (uint32_t k = 0; k < group.buckets.size(); ++k) {
      const std::vector<uint32_t>& slots = group.buckets[k].slots();
      waiting += slots.size();
      for (size_t p = 0; p < slots.size(); ++p) {
        const InteractionRecord& x = index.record(slots[p]);
        CHECK(x.group == g);
        CHECK(x.bucket == k);
        CHECK(x.heap_position == p);
        CHECK_FALSE(x.reserved);
        CHECK(ComesFirst(index.record(slots[0]), x) == (p != 0));
        if (p > 0) CHECK_FALSE(ComesFirst(x, index.record(slots[(p - 1) / 2])));
        in_bucket[BucketRef(g, k)].insert(slots[p]);
      }
    }
    CHECK(group.waiting == waiting);
    CHECK((group.nonempty_position >= 0) == (waiting > 0));
  }

  for (uint32_t w = 0; w < 3; ++w) {
    const WorkgroupId wg(w);
    const WorkgroupQueue& q = index.queue(wg);
    // What the workgroup should hold, from the records.
    std::set<uint32_t> reserved, nonempty, filed_slots;
    std::map<int, std::set<uint32_t>> buckets_by_media;
    std::array<int64_t, kMediaTypeCount> filed{};
    for (InteractionId id : f.live) {
      const InteractionRecord& x = *index.Find(id);
      if (x.workgroup != wg || x.state != InteractionState::kWaiting) continue;
      CHECK(x.reserved == x.preference_open);
      if (x.reserved) {
        reserved.insert(index.SlotOf(x));
        continue;
      }
      nonempty.insert(x.group);
      filed_slots.insert(index.SlotOf(x));
      buckets_by_media[MediaIndex(x.media)].insert(BucketRef(x.group, x.bucket));
      ++filed[MediaIndex(x.media)];
      CHECK(in_bucket[BucketRef(x.group, x.bucket)].contains(index.SlotOf(x)));
    }
    // The reserved lists: the workgroup's and each preferred agent's.
    CHECK(std::set<uint32_t>(q.reserved.begin(), q.reserved.end()) == reserved);
    CHECK(q.reserved.size() == reserved.size());
    for (uint32_t p = 0; p < q.reserved.size(); ++p) {
      const InteractionRecord& x = index.record(q.reserved[p]);
      CHECK(x.reserved_position == p);
      CHECK(f.agents.agent(x.preferred_agent).preferred[x.preferred_position] == q.reserved[p]);
    }
    // The non-empty groups.
    CHECK(std::set<uint32_t>(q.nonempty_groups.begin(), q.nonempty_groups.end()) == nonempty);
    CHECK(q.nonempty_groups.size() == nonempty.size());
    for (size_t p = 0; p < q.nonempty_groups.size(); ++p) {
      CHECK(index.group(q.nonempty_groups[p]).nonempty_position == static_cast<int64_t>(p));
    }
    // ForEachWaiting visits each waiting interaction once.
    std::multiset<uint32_t> visited;
    index.ForEachWaiting(wg, [&](uint32_t slot) { visited.insert(slot); });
    std::multiset<uint32_t> expected(filed_slots.begin(), filed_slots.end());
    expected.insert(reserved.begin(), reserved.end());
    CHECK(visited == expected);
    // The heaps of bucket tops: the non-empty buckets, ordered by their tops.
    for (int media = 0; media < kMediaTypeCount; ++media) {
      const std::vector<uint32_t>& tops = q.tops[media].slots();
      CHECK(std::set<uint32_t>(tops.begin(), tops.end()) == buckets_by_media[media]);
      CHECK(tops.size() == buckets_by_media[media].size());
      CHECK(q.filed[media] == filed[media]);
      for (uint32_t p = 0; p < tops.size(); ++p) {
        CHECK(index.group(GroupOfRef(tops[p])).top_position[BucketOfRef(tops[p])] == p);
        if (p > 0) CHECK_FALSE(ComesFirst(index.TopOf(tops[p]), index.TopOf(tops[(p - 1) / 2])));
      }
    }
  }
}

TEST_CASE("the waiting index's heaps and positions agree after any sequence of changes") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Fixture f(seed);
    for (int step = 0; step < 1500; ++step) f.Step();
    INFO("seed ", seed);
    CheckIndex(f);
    f.index.CheckInvariants();
  }
}

TEST_CASE("the waiting index's heaps and positions agree after every single step") {
  Fixture f(7);
  int filed = 0;
  for (int step = 0; step < 600; ++step) {
    f.Step();
    CheckIndex(f);
    for (int media = 0; media < kMediaTypeCount; ++media) {
      filed = std::max<int>(filed, static_cast<int>(f.index.queue(WorkgroupId(2)).filed[media]));
    }
  }
  CHECK(filed > 10);  // the sequence did fill the heaps
}

TEST_CASE("a bucket's top and a workgroup's best top are the best by ComesFirst") {
  Fixture f(13);
  for (int step = 0; step < 2000; ++step) {
    f.Step();
    if (step % 50 != 0) continue;
    for (uint32_t w = 0; w < 3; ++w) {
      const WorkgroupQueue& q = f.index.queue(WorkgroupId(w));
      for (int media = 0; media < kMediaTypeCount; ++media) {
        const std::vector<uint32_t>& tops = q.tops[media].slots();
        if (tops.empty()) continue;
        // Brute force over every filed interaction of the media.
        const InteractionRecord* best = nullptr;
        for (InteractionId id : f.live) {
          const InteractionRecord& x = *f.index.Find(id);
          if (x.workgroup != WorkgroupId(w) || x.state != InteractionState::kWaiting ||
              x.reserved || MediaIndex(x.media) != media) {
            continue;
          }
          if (best == nullptr || ComesFirst(x, *best)) best = &x;
        }
        REQUIRE(best != nullptr);
        CHECK(f.index.TopOf(tops[0]).id == best->id);
      }
    }
  }
}

TEST_CASE("a waiting index restored from its records files them alike") {
  Fixture f(5);
  for (int step = 0; step < 2000; ++step) f.Step();
  AgentBook agents(f.center);
  WaitingIndex restored(f.center, agents);
  for (InteractionId id : f.index.LiveIds()) {
    const InteractionRecord& x = *f.index.Find(id);
    const Group& group = f.index.group(x.group);
    restored.Restore(x, group.requirements, group.tiers);
  }
  restored.CheckInvariants();
  REQUIRE(restored.live() == f.index.live());
  for (uint32_t w = 0; w < 3; ++w) {
    const WorkgroupId wg(w);
    // The same interactions, in the same buckets of equal groups.
    const auto where = [](const WaitingIndex& index, WorkgroupId wg) {
      std::set<std::pair<InteractionId, uint32_t>> out;
      index.ForEachWaiting(wg, [&](uint32_t slot) {
        const InteractionRecord& x = index.record(slot);
        out.emplace(x.id, x.reserved ? UINT32_MAX : x.bucket);
      });
      return out;
    };
    CHECK(where(restored, wg) == where(f.index, wg));
    for (int media = 0; media < kMediaTypeCount; ++media) {
      const SlotHeap& a = f.index.queue(wg).tops[media];
      const SlotHeap& b = restored.queue(wg).tops[media];
      REQUIRE(a.size() == b.size());
      if (!a.empty()) CHECK(f.index.TopOf(a.top()).id == restored.TopOf(b.top()).id);
      CHECK(f.index.queue(wg).filed[media] == restored.queue(wg).filed[media]);
    }
  }
}

TEST_CASE("equal keys find one requirement group; any difference makes another") {
  const Center center = TestCenter();
  AgentBook agents(center);
  WaitingIndex index(center, agents);
  const WorkgroupId w1(1);
  const auto& tiers = center.workgroup(w1).tiers;
  const uint32_t g = index.GroupFor(w1, MediaType::kCall, Requirements(2), tiers);
  CHECK(index.GroupFor(w1, MediaType::kCall, Requirements(2), tiers) == g);
  CHECK(index.GroupFor(w1, MediaType::kChat, Requirements(2), tiers) != g);
  CHECK(index.GroupFor(w1, MediaType::kCall, Requirements(1), tiers) != g);
  CHECK(index.GroupFor(w1, MediaType::kCall, Requirements(2), kOwnTiers) != g);
  CHECK(index.GroupFor(WorkgroupId(2), MediaType::kCall, Requirements(2), tiers) != g);
  CHECK(index.groups().size() == 5);
  CHECK(index.group(g).buckets.size() == tiers.size() + 1);
  // GroupIn keeps media and requirements, and takes the workgroup's tiers
  // unless the interaction has its own.
  InteractionRecord& x = index.Create(InteractionId(1));
  x.group = g;
  x.media = MediaType::kCall;
  const uint32_t in_w2 = index.GroupIn(x, WorkgroupId(2));
  CHECK(index.group(in_w2).workgroup == WorkgroupId(2));
  CHECK(index.group(in_w2).tiers.size() == center.workgroup(WorkgroupId(2)).tiers.size());
  x.own_tiers = true;
  CHECK(index.group(index.GroupIn(x, WorkgroupId(2))).tiers.size() == tiers.size());
}

}  // namespace
}  // namespace acd::internal
