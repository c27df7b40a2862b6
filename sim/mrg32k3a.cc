#include "sim/mrg32k3a.h"

#include "absl/strings/str_cat.h"

namespace acd::sim {
namespace {

using Matrix = std::array<std::array<uint64_t, 3>, 3>;

Matrix Multiply(const Matrix& a, const Matrix& b, uint64_t m) {
  Matrix c{};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      uint64_t sum = 0;
      for (int k = 0; k < 3; ++k) sum = (sum + (a[i][k] * b[k][j]) % m) % m;
      c[i][j] = sum;
    }
  }
  return c;
}

Matrix Identity() { return {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}; }

// a^(2^e) by e squarings.
Matrix PowerOfTwo(Matrix a, int e, uint64_t m) {
  for (int i = 0; i < e; ++i) a = Multiply(a, a, m);
  return a;
}

// a^n by binary exponentiation.
Matrix Power(Matrix a, uint64_t n, uint64_t m) {
  Matrix result = Identity();
  while (n > 0) {
    if (n & 1) result = Multiply(result, a, m);
    a = Multiply(a, a, m);
    n >>= 1;
  }
  return result;
}

void Apply(const Matrix& a, uint64_t* v, uint64_t m) {
  uint64_t out[3];
  for (int i = 0; i < 3; ++i) {
    uint64_t sum = 0;
    for (int k = 0; k < 3; ++k) sum = (sum + (a[i][k] * v[k]) % m) % m;
    out[i] = sum;
  }
  for (int i = 0; i < 3; ++i) v[i] = out[i];
}

uint64_t SplitMix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

// The one-step transition matrices of both components, raised to the
// substream (2^76) and stream (2^127) distances. Computed once.
struct JumpTables {
  Matrix substream1, substream2, stream1, stream2;

  static const JumpTables& Get() {
    static const JumpTables tables = Make();
    return tables;
  }

 private:
  static JumpTables Make() {
    using G = Mrg32k3a;
    const Matrix a1 = {{{0, 1, 0}, {0, 0, 1}, {G::kM1 - G::kA13n, G::kA12, 0}}};
    const Matrix a2 = {{{0, 1, 0}, {0, 0, 1}, {G::kM2 - G::kA23n, 0, G::kA21}}};
    return {PowerOfTwo(a1, 76, G::kM1), PowerOfTwo(a2, 76, G::kM2), PowerOfTwo(a1, 127, G::kM1),
            PowerOfTwo(a2, 127, G::kM2)};
  }
};

absl::Status Mrg32k3a::ValidateSeed(const State& seed) {
  for (int i = 0; i < 6; ++i) {
    const uint64_t m = i < 3 ? kM1 : kM2;
    if (seed[i] >= m) {
      return absl::InvalidArgumentError(
          absl::StrCat("seed[", i, "]: ", seed[i], " is not below the modulus ", m));
    }
  }
  if (seed[0] == 0 && seed[1] == 0 && seed[2] == 0) {
    return absl::InvalidArgumentError("seed[0..2]: must not all be zero");
  }
  if (seed[3] == 0 && seed[4] == 0 && seed[5] == 0) {
    return absl::InvalidArgumentError("seed[3..5]: must not all be zero");
  }
  return absl::OkStatus();
}

Mrg32k3a::State Mrg32k3a::SeedFromInteger(uint64_t seed) {
  State state;
  uint64_t x = seed;
  for (int i = 0; i < 6; ++i) {
    const uint64_t m = i < 3 ? kM1 : kM2;
    // Components in 1..m-1, so neither triple can be all zero.
    state[i] = 1 + SplitMix64(x) % (m - 1);
  }
  return state;
}

Mrg32k3a Mrg32k3a::Stream(const State& seed, uint64_t stream, uint64_t substream) {
  Mrg32k3a g(seed);
  g.JumpStreams(stream);
  g.JumpSubstreams(substream);
  return g;
}

void Mrg32k3a::JumpSubstreams(uint64_t n) {
  if (n == 0) return;
  const JumpTables& t = JumpTables::Get();
  Apply(Power(t.substream1, n, kM1), &s_[0], kM1);
  Apply(Power(t.substream2, n, kM2), &s_[3], kM2);
}

void Mrg32k3a::JumpStreams(uint64_t n) {
  if (n == 0) return;
  const JumpTables& t = JumpTables::Get();
  Apply(Power(t.stream1, n, kM1), &s_[0], kM1);
  Apply(Power(t.stream2, n, kM2), &s_[3], kM2);
}

}  // namespace acd::sim
