#include "sim/mrg32k3a.h"

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

// Test vectors: docs/queueing-results.md, "Random numbers: MRG32k3a test vectors".

TEST_CASE("the default seed gives L'Ecuyer's first three outputs exactly") {
  Mrg32k3a rng(Mrg32k3a::kDefaultSeed);
  CHECK(rng.NextDouble() == 0.12701112204657714);
  CHECK(rng.NextDouble() == 0.3185275653967945);
  CHECK(rng.NextDouble() == 0.30918601558327008);
}

TEST_CASE("the second stream starts 2^127 values on, at the published state") {
  Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, /*stream=*/1, /*substream=*/0);
  const Mrg32k3a::State expected = {3692455944, 1366884236, 2968912127,
                                    335948734,  4161675175, 475798818};
  CHECK(rng.state() == expected);
  CHECK(rng.NextDouble() == 0.7595818622487196);
}

TEST_CASE("the second substream of the first stream starts 2^76 values on") {
  Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, /*stream=*/0, /*substream=*/1);
  const Mrg32k3a::State expected = {870504860, 2641697727, 884013853,
                                    339352413, 2374306706, 3651603887};
  CHECK(rng.state() == expected);
  CHECK(rng.NextDouble() == 0.079398989797334632);
}

TEST_CASE("jumping n substreams at once equals jumping one n times") {
  Mrg32k3a once = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, 2, 0);
  once.JumpSubstreams(5);
  Mrg32k3a stepwise = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, 2, 0);
  for (int i = 0; i < 5; ++i) stepwise.JumpSubstreams(1);
  CHECK(once.state() == stepwise.state());
}

TEST_CASE("outputs stay inside the open unit interval") {
  Mrg32k3a rng;
  for (int i = 0; i < 100000; ++i) {
    const double u = rng.NextDouble();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
  }
}

TEST_CASE("integer seeds map to valid, distinct states") {
  const auto a = Mrg32k3a::SeedFromInteger(0);
  const auto b = Mrg32k3a::SeedFromInteger(1);
  CHECK(Mrg32k3a::ValidateSeed(a).ok());
  CHECK(Mrg32k3a::ValidateSeed(b).ok());
  CHECK(a != b);
  CHECK(Mrg32k3a::SeedFromInteger(42) == Mrg32k3a::SeedFromInteger(42));
}

TEST_CASE("an invalid seed is rejected with the component named") {
  Mrg32k3a::State bad = Mrg32k3a::kDefaultSeed;
  bad[4] = 4294944443;  // m2 itself
  absl::Status status = Mrg32k3a::ValidateSeed(bad);
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(status.message()).find("seed[4]") == 0);
  CHECK_FALSE(Mrg32k3a::ValidateSeed({0, 0, 0, 1, 1, 1}).ok());
}

}  // namespace
}  // namespace acd::sim
