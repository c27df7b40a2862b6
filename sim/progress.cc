#include "sim/progress.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "fmt/format.h"

namespace acd::sim {

absl::StatusOr<ProgressMode> ParseProgressMode(std::string_view text) {
  if (text == "auto") return ProgressMode::kAuto;
  if (text == "always") return ProgressMode::kAlways;
  if (text == "never") return ProgressMode::kNever;
  return absl::InvalidArgumentError(
      absl::StrCat("'", std::string(text), "' is not auto, always or never"));
}

std::string ProgressLine(int done, int total, double elapsed_s) {
  constexpr int kWidth = 20;
  const int filled = total > 0 ? kWidth * done / total : kWidth;
  std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '-');
  if (done <= 0 || done >= total) {
    return fmt::format("[{}] {}/{} replications", bar, done, total);
  }
  const double left_s = elapsed_s / done * (total - done);
  return fmt::format("[{}] {}/{} replications, about {} s left", bar, done, total,
                     static_cast<long>(std::ceil(left_s)));
}

ProgressMeter::ProgressMeter(Options options, int total)
    : options_(std::move(options)), total_(total), start_s_(Now()) {
  if (!options_.write) {
    options_.write = [](std::string_view text) {
      std::fwrite(text.data(), 1, text.size(), stderr);
      std::fflush(stderr);
    };
  }
}

double ProgressMeter::Now() const {
  if (options_.clock_s) return options_.clock_s();
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void ProgressMeter::Done() {
  if (options_.mode == ProgressMode::kNever) return;
  if (!options_.terminal && options_.mode == ProgressMode::kAuto) return;
  std::lock_guard lock(mu_);
  ++done_;
  const double elapsed_s = Now() - start_s_;
  if (options_.terminal) {
    if (elapsed_s < options_.terminal_after_s) return;
    shown_ = true;
    options_.write("\r" + ProgressLine(done_, total_, elapsed_s));
    return;
  }
  // A log: the first replication, then every few seconds.
  if (shown_ && elapsed_s - last_line_s_ < options_.log_every_s) return;
  if (done_ >= total_) return;  // Finish writes the last line
  shown_ = true;
  last_line_s_ = elapsed_s;
  options_.write(
      fmt::format("acdsim: {} ({:.1f} s so far)\n", ProgressLine(done_, total_, elapsed_s), elapsed_s));
}

void ProgressMeter::Finish() {
  std::lock_guard lock(mu_);
  if (options_.terminal) {
    if (shown_) options_.write("\n");
  } else if (options_.mode == ProgressMode::kAlways) {
    options_.write(
        fmt::format("acdsim: {}/{} replications in {:.1f} s\n", done_, total_, Now() - start_s_));
  }
  shown_ = false;
}

}  // namespace acd::sim
