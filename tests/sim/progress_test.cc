#include "sim/progress.h"

#include <string>

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

// A meter on a fake clock, collecting what it writes.
struct Fake {
  double now_s = 100;
  std::string out;
  ProgressMeter Meter(ProgressMode mode, bool terminal, int total) {
    return ProgressMeter({.mode = mode,
                          .terminal = terminal,
                          .clock_s = [this] { return now_s; },
                          .write = [this](std::string_view s) { out += s; }},
                         total);
  }
};

TEST_CASE("the progress line shows a bar, the count and an estimate of the time left") {
  CHECK(ProgressLine(5, 20, 2.0) == "[#####---------------] 5/20 replications, about 6 s left");
  CHECK(ProgressLine(20, 20, 9.0) == "[####################] 20/20 replications");
  CHECK(ProgressLine(0, 3, 0.5) == "[--------------------] 0/3 replications");
}

TEST_CASE("always, in a log: a line at the first replication, every 5 s, and at the end") {
  Fake fake;
  ProgressMeter meter = fake.Meter(ProgressMode::kAlways, /*terminal=*/false, 10);
  fake.now_s = 100.5;
  meter.Done();
  CHECK(fake.out ==
        "acdsim: [##------------------] 1/10 replications, about 5 s left (0.5 s so far)\n");
  fake.out.clear();
  fake.now_s = 103;
  meter.Done();
  meter.Done();
  CHECK(fake.out.empty());
  fake.now_s = 106;
  meter.Done();
  CHECK(fake.out ==
        "acdsim: [########------------] 4/10 replications, about 9 s left (6.0 s so far)\n");
  fake.out.clear();
  for (int i = 0; i < 6; ++i) meter.Done();
  fake.now_s = 110.2;
  meter.Finish();
  CHECK(fake.out == "acdsim: 10/10 replications in 10.2 s\n");
}

TEST_CASE("auto shows nothing in a log, and never shows nothing anywhere") {
  for (auto [mode, terminal] :
       {std::pair{ProgressMode::kAuto, false}, std::pair{ProgressMode::kNever, false},
        std::pair{ProgressMode::kNever, true}}) {
    Fake fake;
    ProgressMeter meter = fake.Meter(mode, terminal, 3);
    fake.now_s = 200;
    meter.Done();
    meter.Done();
    meter.Finish();
    CHECK(fake.out.empty());
  }
}

TEST_CASE("on a terminal, the line is redrawn in place once a second has passed") {
  Fake fake;
  ProgressMeter meter = fake.Meter(ProgressMode::kAuto, /*terminal=*/true, 4);
  fake.now_s = 100.5;
  meter.Done();
  CHECK(fake.out.empty());
  fake.now_s = 102;
  meter.Done();
  CHECK(fake.out == "\r[##########----------] 2/4 replications, about 2 s left");
  meter.Finish();
  CHECK(fake.out.back() == '\n');
  CHECK(ParseProgressMode("always").value() == ProgressMode::kAlways);
  CHECK(std::string(ParseProgressMode("often").status().message()) ==
        "'often' is not auto, always or never");
}

}  // namespace
}  // namespace acd::sim
