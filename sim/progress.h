// sim/progress.h: the progress line acdsim shows on a terminal.
//
//   [##########----------] 10/20 replications, about 4 s left
//
// `ProgressLine` formats it; acdsim prints it on stderr, redrawn in place,
// when stderr is a terminal and the run has taken more than a second.

#ifndef ACD_SIM_PROGRESS_H_
#define ACD_SIM_PROGRESS_H_

#include <string>

namespace acd::sim {

// `done` of `total` replications after `elapsed_s` seconds; the estimate
// assumes the remaining replications take as long on average.
std::string ProgressLine(int done, int total, double elapsed_s);

}  // namespace acd::sim

#endif  // ACD_SIM_PROGRESS_H_
