// sim/version.h: the version of acdsim, from the CMake project's version.
//
// `acdsim --version` prints it, every JSON report carries it as "version",
// and partial result files record it: parts written by different versions
// do not merge.

#ifndef ACD_SIM_VERSION_H_
#define ACD_SIM_VERSION_H_

namespace acd::sim {

// "MAJOR.MINOR.PATCH", e.g. "0.1.0".
const char* ProgramVersion();

}  // namespace acd::sim

#endif  // ACD_SIM_VERSION_H_
