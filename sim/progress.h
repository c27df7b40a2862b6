// sim/progress.h: how far a run has come, shown on standard error.
//
// On a terminal, a line redrawn in place once the run has taken a second:
//
//   [##########----------] 10/20 replications, about 4 s left
//
// In a log that is not a terminal (a batch job's output), with
// `--progress always`, a line every few seconds and a last one at the end:
//
//   acdsim: [##########----------] 10/20 replications, about 4 s left (4.2 s so far)
//   acdsim: 20/20 replications in 8.9 s
//
// `--progress auto` (the default) shows the terminal line on a terminal and
// nothing elsewhere; `never` shows nothing.
//
// Example:
//
//   acd::sim::ProgressMeter meter({.mode = mode, .terminal = isatty(2) != 0,
//                                  .write = [](std::string_view s) { ... }}, total);
//   options.on_replication_done = [&] { meter.Done(); };
//   ...
//   meter.Finish();
//
// Thread safety: Done may be called from any thread; the others from the
// thread that owns the meter.

#ifndef ACD_SIM_PROGRESS_H_
#define ACD_SIM_PROGRESS_H_

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace acd::sim {

enum class ProgressMode { kAuto, kAlways, kNever };

// "auto", "always" or "never"; InvalidArgument otherwise.
absl::StatusOr<ProgressMode> ParseProgressMode(std::string_view text);

// `done` of `total` replications after `elapsed_s` seconds; the estimate
// assumes the remaining replications take as long on average.
std::string ProgressLine(int done, int total, double elapsed_s);

class ProgressMeter {
 public:
  struct Options {
    ProgressMode mode = ProgressMode::kAuto;
    // Whether the output is a terminal (redrawn in place) or a log.
    bool terminal = false;
    // Seconds before the terminal line appears, and between log lines.
    double terminal_after_s = 1;
    double log_every_s = 5;
    // Seconds since some fixed point; a steady clock when unset.
    std::function<double()> clock_s;
    // Receives the text to show (standard error when unset).
    std::function<void(std::string_view)> write;
  };

  ProgressMeter(Options options, int total);

  // One more replication finished.
  void Done();
  // The run ended (or failed): ends the terminal line, or writes the last
  // log line.
  void Finish();

 private:
  double Now() const;

  Options options_;
  const int total_;
  const double start_s_;
  std::mutex mu_;
  int done_ = 0;
  bool shown_ = false;
  double last_line_s_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_SIM_PROGRESS_H_
