// lib/common/fnv1a.h: the 64-bit FNV-1a hash (Fowler, Noll, Vo), for fingerprints
// and checksums that must be the same in every process and on every
// machine (absl::Hash is seeded per process): the simulator's scenario
// fingerprints and the journal's configuration fingerprint.
//
// Example:
//
//   uint64_t h = acd::Fnv1a64("text");

#ifndef ACD_LIB_COMMON_FNV1A_H_
#define ACD_LIB_COMMON_FNV1A_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace acd {

inline uint64_t Fnv1a64(absl::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325;  // the offset basis
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3;  // the 64-bit FNV prime
  }
  return hash;
}

}  // namespace acd

#endif  // ACD_LIB_COMMON_FNV1A_H_
