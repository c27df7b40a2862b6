// Seeded random centers and command streams for differential and property
// tests. Values are chosen so that the routing formulas are evaluated on
// whole seconds and simple weights, where two implementations that follow the
// same order of operations agree to the bit.

#ifndef ACD_TESTS_TESTING_RANDOM_STREAMS_H_
#define ACD_TESTS_TESTING_RANDOM_STREAMS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "acd/commands.h"
#include "acd/config.h"

namespace acd::testing {

// splitmix64: a small deterministic generator for choosing test inputs.
class Chooser {
 public:
  explicit Chooser(uint64_t seed) : x_(seed) {}
  uint64_t Next() {
    uint64_t z = (x_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  bool OneIn(int n) { return Below(n) == 0; }
  template <typename T>
  T Of(std::initializer_list<T> values) {
    return *(values.begin() + Below(static_cast<int>(values.size())));
  }

 private:
  uint64_t x_;
};

// A valid center of up to 4 skills, 3 workgroups and 6 agents with random
// weights, tiers, utilization, no-answer policies and skills.
CenterConfig RandomCenter(Chooser& pick);

// RandomCenter with 65 to 200 more agents, every one a member of the first
// workgroup, whose agent weights are mostly ones the ready index
// (lib/engine/ready_index.h) keeps, over a few classes of static terms
// (over many, one center in five).
CenterConfig BigWorkgroupCenter(Chooser& pick);

// One command at `now`, mostly valid for the current ids, sometimes not.
// `next_id` is the id a new arrival would take; ids 1..next_id-1 were used.
Command RandomCommand(Chooser& pick, Time now, const CenterConfig& center, uint64_t next_id);

// A one-line description of a command, for failure reports.
std::string Describe(const Command& command);

// One step of a stream: a command, or AdvanceTo(time).
struct Step {
  bool advance = false;
  Time time;
  Command command;
};

// A roster command (AddAgent, RemoveAgent, AddWorkgroup, RemoveWorkgroup),
// mostly valid, sometimes not (a name in use, an unknown id). `roster` is
// the generator's picture of the center: ids added or removed so far, a
// removed one with an empty name; it is updated as if the command took
// effect when the command is meant to be valid (a removal the engine
// refuses, a workgroup still holding interactions, leaves it behind, which
// only makes later commands avoid that workgroup's name).
Command RandomRosterCommand(Chooser& pick, Time now, CenterConfig& roster);

// `steps` steps of random commands (one in seven an AdvanceTo) over `center`,
// time moving 0 to 8 s between them; arrivals take ids 1, 2, ... With
// `roster`, about one command in fifteen is a roster command, and the
// others address the ids the roster commands have added.
std::vector<Step> MakeStream(Chooser& pick, const CenterConfig& center, int steps,
                             bool roster = false);

}  // namespace acd::testing

#endif  // ACD_TESTS_TESTING_RANDOM_STREAMS_H_
