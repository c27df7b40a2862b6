#include "sim/progress.h"

#include <algorithm>
#include <cmath>

#include "fmt/format.h"

namespace acd::sim {

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

}  // namespace acd::sim
