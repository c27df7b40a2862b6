#include "acd/time.h"

#include <cmath>
#include <cstdint>
#include <vector>

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

// SecondsF rounds inline; it must agree with std::llround everywhere, since
// every sampled time in the simulator goes through it.
TEST_CASE("SecondsF rounds exactly as std::llround, halves away from zero") {
  const auto llround_us = [](double s) { return static_cast<int64_t>(std::llround(s * 1e6)); };
  std::vector<double> cases = {0.0,     -0.0,     0.0000005, -0.0000005, 0.0000015, -0.0000025,
                               2.5e-6,  1e-7,     4.9e-7,    -4.9e-7,    123.4567895, 9e9,
                               -9e9,    4e12,     -4e12};
  // Just below and above each half: the cases a rounding by adding 0.5 gets
  // wrong.
  for (double half : {0.5, 1.5, 2.5, 1e6 + 0.5, 4503599627370495.5}) {
    for (double sign : {1.0, -1.0}) {
      const double us = sign * half;
      cases.push_back(us / 1e6);
      cases.push_back(std::nextafter(us, 0.0) / 1e6);
      cases.push_back(std::nextafter(us, sign * 1e300) / 1e6);
    }
  }
  // And a spread of magnitudes from a fixed generator.
  uint64_t x = 88172645463325252u;
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const double unit = static_cast<double>(x >> 11) * 0x1.0p-53;  // [0, 1)
    const double magnitude = std::ldexp(unit, static_cast<int>(x % 80) - 40);
    cases.push_back((x & 1) != 0 ? -magnitude : magnitude);
  }
  for (double s : cases) {
    INFO("s = ", s);
    CHECK(SecondsF(s).microseconds() == llround_us(s));
  }
}

TEST_CASE("infinite time compares after every finite time") {
  CHECK(Time() + Hours(24 * 365 * 1000) < Time::Infinite());
  CHECK(Duration::Infinite() > Hours(1'000'000));
}

}  // namespace
}  // namespace acd
