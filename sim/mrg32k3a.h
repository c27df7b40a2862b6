// sim/mrg32k3a.h: L'Ecuyer's MRG32k3a generator with streams and substreams.
//
// MRG32k3a (L'Ecuyer 1999) combines two multiple recursive generators of order
// 3 and has period about 2^191. Following L'Ecuyer, Simard, Chen and Kelton
// (2002), its sequence is cut into streams 2^127 values apart, and each stream
// into substreams 2^76 values apart. The simulator gives every random source
// (arrivals of a contact type, its handle times, ...) its own stream and every
// replication its own substream, so a source draws the same numbers in a
// replication whatever other sources do (common random numbers).
//
// Outputs are bit-exact with the published generator; tests check the test
// vectors of docs/queueing-results.md.
//
// Example:
//
//   auto seed = acd::sim::Mrg32k3a::SeedFromInteger(12345);
//   acd::sim::Mrg32k3a rng = acd::sim::Mrg32k3a::Stream(seed, /*stream=*/3, /*substream=*/7);
//   double u = rng.NextDouble();    // uniform in (0, 1)
//
// Thread safety: none; a generator is a small value, one per user.

#ifndef ACD_SIM_MRG32K3A_H_
#define ACD_SIM_MRG32K3A_H_

#include <array>
#include <cstdint>

#include "absl/status/status.h"

namespace acd::sim {

class Mrg32k3a {
 public:
  // Six components: the first three below m1 = 4294967087, the last three
  // below m2 = 4294944443, and neither triple all zero.
  using State = std::array<uint64_t, 6>;

  // L'Ecuyer's default seed, 12345 six times.
  static constexpr State kDefaultSeed = {12345, 12345, 12345, 12345, 12345, 12345};

  // InvalidArgument unless `seed` is a valid state.
  static absl::Status ValidateSeed(const State& seed);

  // A valid state derived from any integer (splitmix64, then reduced).
  // Different integers give different states.
  static State SeedFromInteger(uint64_t seed);

  // The generator at the start of substream `substream` of stream `stream`,
  // counting from `seed` as stream 0, substream 0. Precondition: valid seed.
  static Mrg32k3a Stream(const State& seed, uint64_t stream, uint64_t substream);

  // Precondition: `state` is valid (ValidateSeed).
  explicit Mrg32k3a(const State& state = kDefaultSeed) : s_(state) {}

  // The next value, uniform on the open interval (0, 1).
  double NextDouble() {
    constexpr uint64_t m1 = kM1, m2 = kM2;
    // Component 1: x_n = (1403580 x_{n-2} - 810728 x_{n-3}) mod m1.
    uint64_t p1 = (kA12 * s_[1] + (m1 - kA13n) * s_[0]) % m1;
    s_[0] = s_[1];
    s_[1] = s_[2];
    s_[2] = p1;
    // Component 2: y_n = (527612 y_{n-1} - 1370589 y_{n-3}) mod m2.
    uint64_t p2 = (kA21 * s_[5] + (m2 - kA23n) * s_[3]) % m2;
    s_[3] = s_[4];
    s_[4] = s_[5];
    s_[5] = p2;
    const double diff = p1 > p2 ? static_cast<double>(p1 - p2) : static_cast<double>(p1 + m1 - p2);
    return diff * kNorm;
  }

  const State& state() const { return s_; }

  // Advances the state by n * 2^76 values (n substreams) or n * 2^127 values
  // (n streams).
  void JumpSubstreams(uint64_t n);
  void JumpStreams(uint64_t n);

 private:
  static constexpr uint64_t kM1 = 4294967087;
  static constexpr uint64_t kM2 = 4294944443;
  static constexpr uint64_t kA12 = 1403580;
  static constexpr uint64_t kA13n = 810728;
  static constexpr uint64_t kA21 = 527612;
  static constexpr uint64_t kA23n = 1370589;
  static constexpr double kNorm = 2.328306549295727688e-10;  // 1 / (m1 + 1)

  friend struct JumpTables;

  State s_;
};

}  // namespace acd::sim

#endif  // ACD_SIM_MRG32K3A_H_
