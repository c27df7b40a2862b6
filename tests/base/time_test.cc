#include "acd/time.h"

#include "doctest/doctest.h"

namespace acd {
namespace {

TEST_CASE("time and duration arithmetic is exact in microseconds") {
  const Time t = Time() + Seconds(15);
  CHECK(t.microseconds() == 15'000'000);
  CHECK(t - Time() == Seconds(15));
  CHECK(t + Milliseconds(1) - t == Microseconds(1000));
  CHECK(Minutes(2) == Seconds(120));
  CHECK(Hours(1) == Minutes(60));
  CHECK(Seconds(3) * 4 == Seconds(12));
  CHECK(-Seconds(3) < Duration::Zero());
}

TEST_CASE("seconds given as doubles round to the nearest microsecond") {
  CHECK(SecondsF(1.5) == Milliseconds(1500));
  CHECK(SecondsF(0.0000004) == Duration::Zero());
  CHECK(SecondsF(0.0000006) == Microseconds(1));
  CHECK(ToSeconds(Milliseconds(2500)) == 2.5);
}

TEST_CASE("infinite time compares after every finite time") {
  CHECK(Time() + Hours(24 * 365 * 1000) < Time::Infinite());
  CHECK(Duration::Infinite() > Hours(1'000'000));
}

}  // namespace
}  // namespace acd
