// The center the journal fuzz target recovers against and its seed corpus
// was written under: the first random center (tests/testing/random_streams.h)
// with three workgroups, three or more skills and four or more agents.

#ifndef ACD_TESTS_FUZZ_FUZZ_CENTER_H_
#define ACD_TESTS_FUZZ_FUZZ_CENTER_H_

#include <cstdint>

#include "acd/config.h"
#include "tests/testing/random_streams.h"

namespace acd::fuzz {

inline CenterConfig FuzzCenter() {
  for (uint64_t seed = 1;; ++seed) {
    testing::Chooser pick(seed);
    CenterConfig center = testing::RandomCenter(pick);
    if (center.workgroups.size() == 3 && center.skills.size() >= 3 && center.agents.size() >= 4) {
      return center;
    }
  }
}

}  // namespace acd::fuzz

#endif  // ACD_TESTS_FUZZ_FUZZ_CENTER_H_
