// The agent book (lib/engine/agent_book.h): its indexes agree with the
// agents' state after any sequence of changes, checked against a model kept
// by the test over random sequences.

#include "lib/engine/agent_book.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "acd/config.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "lib/engine/center.h"
#include "tests/testing/random_streams.h"

namespace acd::internal {
namespace {

// The tests' seeded chooser (SplitMix64).
using Choices = testing::Chooser;

// 70 agents (more than one bitmap word) in three workgroups with blended
// utilization; every third agent has its own 0 % share for email, every
// fifth starts deactivated in the second workgroup.
Center TestCenter() {
  CenterConfig config;
  for (const char* name : {"w0", "w1", "w2"}) {
    config.workgroups.push_back(
        {.name = name,
         .utilization = {{.media = MediaType::kCall, .percent = 51, .max_assign = 1},
                         {.media = MediaType::kChat, .percent = 25, .max_assign = 4},
                         {.media = MediaType::kEmail, .percent = 10, .max_assign = 5}}});
  }
  for (int a = 0; a < 70; ++a) {
    AgentConfig agent{.name = fmt::format("a{}", a)};
    if (a % 2 == 0) agent.workgroups.push_back({.workgroup = "w0"});
    if (a % 3 != 0) agent.workgroups.push_back({.workgroup = "w1", .active = a % 5 != 0});
    agent.workgroups.push_back({.workgroup = "w2"});
    if (a % 3 == 0) {
      agent.utilization.push_back({.media = MediaType::kEmail, .percent = 0, .max_assign = 3});
    }
    config.agents.push_back(agent);
  }
  auto center = Center::Build(config);
  REQUIRE(center.ok());
  return *std::move(center);
}

// Every workgroup keeps the room bits of every media, which CheckIndexes
// checks.
void KeepAllRooms(const Center& center, AgentBook& book) {
  for (int w = 0; w < center.workgroup_count(); ++w) {
    for (MediaType media : kAllMediaTypes) book.WantRoom(WorkgroupId(w), media);
  }
}

// Member i's bit in `field` of its word.
bool Bit(const MemberBits& index, uint64_t MemberWord::*field, uint32_t i) {
  return (index.words[i / 64].*field >> (i % 64)) & 1;
}

// What the test believes an agent holds: (id, media, percent, exempt).
struct Held {
  InteractionId id;
  MediaType media;
  int percent;
  bool exempt;
};

// Checks every index of `book` against the agents' state and the model's
// holdings, from first principles.
void CheckIndexes(const Center& center, const AgentBook& book,
                  const std::vector<std::vector<Held>>& held) {
  for (int a = 0; a < center.agent_count(); ++a) {
    const AgentId id(a);
    const AgentState& s = book.agent(id);
    int used = 0;
    std::array<int, kMediaTypeCount> count{};
    for (const Held& h : held[a]) {
      if (h.exempt) continue;
      used += h.percent;
      ++count[MediaIndex(h.media)];
    }
    INFO("agent ", a);
    REQUIRE(s.used_percent == used);
    REQUIRE(s.count == count);
    REQUIRE(s.held.size() == held[a].size());
    const AgentModel& model = center.agent_model(id);
    const bool available = s.logged_in && center.status(s.status).acd_available && !s.delay_pending;
    for (size_t m = 0; m < model.workgroups.size(); ++m) {
      const MemberBits& index = book.members(model.workgroups[m]);
      const uint32_t i = model.member_index[m];
      CHECK(Bit(index, &MemberWord::logged_in, i) == s.logged_in);
      CHECK(Bit(index, &MemberWord::available, i) == available);
      CHECK(Bit(index, &MemberWord::active, i) == s.active[m]);
      CHECK(Bit(index, &MemberWord::ready, i) ==
            (available && s.active[m] && (used < 100 || model.takes_zero_percent)));
      CHECK(Bit(index, &MemberWord::busy, i) == !s.held.empty());
      CHECK(Bit(index, &MemberWord::wrapping, i) == (s.held.empty() && !s.wrapping.empty()));
      CHECK(index.since[i] == s.available_since);
      for (MediaType media : kAllMediaTypes) {
        const Utilization u = center.UtilizationFor(id, model.workgroups[m], media);
        const bool fits = used + u.percent <= 100 && count[MediaIndex(media)] < u.max_assign;
        const uint64_t room = index.words[i / 64].room[MediaIndex(media)];
        CHECK(((room >> (i % 64)) & 1) == fits);
        CHECK(book.HasCapacity(id, model.workgroups[m], media) == fits);
      }
    }
  }
}

// Who counts for tiers: (agent, membership) logged in and activated.
std::set<std::pair<int, size_t>> Counted(const Center& center, const AgentBook& book) {
  std::set<std::pair<int, size_t>> out;
  for (int a = 0; a < center.agent_count(); ++a) {
    const AgentState& s = book.agent(AgentId(a));
    for (size_t m = 0; m < s.active.size(); ++m) {
      if (s.logged_in && s.active[m]) out.emplace(a, m);
    }
  }
  return out;
}

// One random change to `book`, mirrored in `held`; the engine's own
// preconditions are kept (an offer only where it fits, log-out without
// wrap-up).
void RandomStep(const Center& center, Choices& rng, AgentBook& book,
                std::vector<std::vector<Held>>& held, uint64_t& next_id, Time now) {
  const AgentId id(static_cast<uint32_t>(rng.Below(book.size())));
  const AgentState& s = book.agent(id);
  const AgentModel& model = center.agent_model(id);
  std::vector<Held>& mine = held[id.value()];
  const StatusId status(static_cast<uint32_t>(rng.Below(center.status_count())));
  switch (rng.Below(12)) {
    case 0:
      if (!s.logged_in) book.LogIn(id, status, now);
      break;
    case 1:
      if (s.logged_in && s.wrapping.empty()) book.LogOut(id);
      break;
    case 2:
      book.SetStatus(id, status);
      break;
    case 3: {
      const int m = static_cast<int>(rng.Below(model.workgroups.size()));
      const bool active = rng.Below(2) == 0;
      const bool differs = s.active[m] != active;
      CHECK(book.SetActive(id, m, active) == differs);
      break;
    }
    case 4:
    case 5: {
      const WorkgroupId wg = model.workgroups[rng.Below(model.workgroups.size())];
      const MediaType media = kAllMediaTypes[rng.Below(kMediaTypeCount)];
      if (!book.HasCapacity(id, wg, media)) break;
      const int percent = center.UtilizationFor(id, wg, media).percent;
      const InteractionId x(next_id++);
      book.Take(id, x, media, percent);
      mine.push_back({x, media, percent, false});
      break;
    }
    case 6:
    case 7:
      if (!mine.empty()) {
        const size_t k = rng.Below(mine.size());
        book.Give(id, mine[k].id, mine[k].media, mine[k].percent, mine[k].exempt);
        mine.erase(mine.begin() + static_cast<std::ptrdiff_t>(k));
      }
      break;
    case 8:
      if (!mine.empty()) {
        Held& h = mine[rng.Below(mine.size())];
        h.exempt ? book.Unexempt(id, h.media, h.percent) : book.Exempt(id, h.media, h.percent);
        h.exempt = !h.exempt;
      }
      break;
    case 9:
      s.delay_pending ? book.Unblock(id) : book.Block(id, now + Seconds(5));
      break;
    case 10:
      if (!s.status.valid()) break;  // never logged in: never connected
      if (s.wrapping.empty() || rng.Below(2) == 0) {
        book.StartWrapUp(id, InteractionId(next_id++));
      } else {
        book.EndWrapUp(id, s.wrapping[rng.Below(s.wrapping.size())]);
      }
      break;
    case 11:
      book.SetAvailableSince(id, now);
      break;
  }
}

TEST_CASE("the agent book's indexes agree with agent state after any sequence of changes") {
  const Center center = TestCenter();
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    AgentBook book(center);
    KeepAllRooms(center, book);
    std::vector<std::vector<Held>> held(book.size());
    Choices rng(seed);
    uint64_t next_id = 1;
    for (int step = 0; step < 1500; ++step) {
      RandomStep(center, rng, book, held, next_id, Time::FromMicroseconds(step * 1000));
    }
    CheckIndexes(center, book, held);
  }
}

TEST_CASE("the agent book's room and ready bits agree with Fits after every single step") {
  const Center center = TestCenter();
  AgentBook book(center);
  KeepAllRooms(center, book);
  std::vector<std::vector<Held>> held(book.size());
  Choices rng(7);
  uint64_t next_id = 1;
  for (int step = 0; step < 400; ++step) {
    RandomStep(center, rng, book, held, next_id, Time::FromMicroseconds(step));
    CheckIndexes(center, book, held);
  }
}

TEST_CASE("room bits kept from some step on agree with Fits, and the others stay clear") {
  const Center center = TestCenter();
  AgentBook book(center);
  std::vector<std::vector<Held>> held(book.size());
  Choices rng(13);
  uint64_t next_id = 1;
  for (int step = 0; step < 400; ++step) {
    RandomStep(center, rng, book, held, next_id, Time::FromMicroseconds(step));
  }
  book.WantRoom(WorkgroupId(1), MediaType::kChat);
  for (int w = 0; w < center.workgroup_count(); ++w) {
    const MemberBits& index = book.members(WorkgroupId(w));
    for (const MemberWord& word : index.words) {
      for (int media = 0; media < kMediaTypeCount; ++media) {
        if (w == 1 && media == MediaIndex(MediaType::kChat)) continue;
        CHECK(word.room[media] == 0);
      }
    }
  }
  KeepAllRooms(center, book);
  CheckIndexes(center, book, held);
  for (int step = 0; step < 400; ++step) {
    RandomStep(center, rng, book, held, next_id, Time::FromMicroseconds(400 + step));
  }
  CheckIndexes(center, book, held);
}

TEST_CASE("the roster version changes exactly when who counts for tiers changes") {
  const Center center = TestCenter();
  AgentBook book(center);
  KeepAllRooms(center, book);
  std::vector<std::vector<Held>> held(book.size());
  Choices rng(11);
  uint64_t next_id = 1;
  int changes = 0;
  for (int step = 0; step < 3000; ++step) {
    const auto before = Counted(center, book);
    const uint64_t version = book.roster_version();
    RandomStep(center, rng, book, held, next_id, Time::FromMicroseconds(step));
    const bool changed = Counted(center, book) != before;
    changes += changed;
    CHECK(changed == (book.roster_version() != version));
  }
  CHECK(changes > 100);  // the sequence did exercise the rule
  const uint64_t version = book.roster_version();
  book.Rebuild();
  CHECK(book.roster_version() != version);  // the center may have changed
}

TEST_CASE("rebuilding the agent book's indexes from scratch changes no bit") {
  const Center center = TestCenter();
  AgentBook book(center);
  KeepAllRooms(center, book);
  std::vector<std::vector<Held>> held(book.size());
  Choices rng(3);
  uint64_t next_id = 1;
  for (int step = 0; step < 2000; ++step) {
    RandomStep(center, rng, book, held, next_id, Time::FromMicroseconds(step));
  }
  std::vector<MemberBits> before;
  for (int w = 0; w < center.workgroup_count(); ++w) before.push_back(book.members(WorkgroupId(w)));
  book.Rebuild();
  for (int w = 0; w < center.workgroup_count(); ++w) {
    const MemberBits& after = book.members(WorkgroupId(w));
    CHECK(after.words == before[w].words);
    CHECK(after.since == before[w].since);
  }
}

TEST_CASE("an agent book restored from its export has the same agents and indexes") {
  const Center center = TestCenter();
  AgentBook book(center);
  KeepAllRooms(center, book);
  std::vector<std::vector<Held>> held(book.size());
  Choices rng(5);
  uint64_t next_id = 1;
  for (int step = 0; step < 2000; ++step) {
    RandomStep(center, rng, book, held, next_id, Time::FromMicroseconds(step));
  }
  AgentBook restored(center);
  KeepAllRooms(center, restored);
  for (size_t a = 0; a < book.size(); ++a) {
    const AgentId id(static_cast<uint32_t>(a));
    restored.Restore(id, book.Export(id));
    for (const Held& h : held[a]) {
      if (!h.exempt) restored.ChargeRestored(id, h.media, h.percent);
    }
  }
  restored.Rebuild();
  CheckIndexes(center, restored, held);
  for (int w = 0; w < center.workgroup_count(); ++w) {
    const std::vector<MemberWord>& a = restored.members(WorkgroupId(w)).words;
    const std::vector<MemberWord>& b = book.members(WorkgroupId(w)).words;
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].ready == b[i].ready);
      CHECK(a[i].room == b[i].room);
    }
  }
}

TEST_CASE("a missed offer reaches the limit on the limit-th miss in a row, and an answer resets") {
  const Center center = TestCenter();
  AgentBook book(center);
  KeepAllRooms(center, book);
  const AgentId a(0);
  book.LogIn(a, center.available_status(), Time());
  CHECK_FALSE(book.Missed(a, 3));
  CHECK_FALSE(book.Missed(a, 3));
  book.Answered(a);
  CHECK(book.agent(a).answered == 1);
  CHECK_FALSE(book.Missed(a, 3));
  CHECK_FALSE(book.Missed(a, 3));
  CHECK(book.Missed(a, 3));
  CHECK(book.agent(a).misses == 0);
}

TEST_CASE("the preferred list reports which slot moved when one is removed") {
  const Center center = TestCenter();
  AgentBook book(center);
  KeepAllRooms(center, book);
  const AgentId a(4);
  // Slots 10..19 with the positions the book gave them; remove at random.
  std::vector<uint32_t> position(20, kNoSlot);
  for (uint32_t slot = 10; slot < 20; ++slot) position[slot] = book.AddPreferred(a, slot);
  Choices rng(9);
  std::vector<uint32_t> live = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
  while (!live.empty()) {
    const size_t k = rng.Below(live.size());
    const uint32_t gone = live[k];
    const uint32_t moved = book.RemovePreferred(a, position[gone]);
    if (moved != kNoSlot) position[moved] = position[gone];
    live.erase(live.begin() + static_cast<std::ptrdiff_t>(k));
    const std::vector<uint32_t>& list = book.agent(a).preferred;
    REQUIRE(list.size() == live.size());
    for (uint32_t slot : live) CHECK(list[position[slot]] == slot);
  }
}

}  // namespace
}  // namespace acd::internal
