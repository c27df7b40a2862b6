#include "sim/version.h"

namespace acd::sim {

const char* ProgramVersion() { return ACD_PROGRAM_VERSION; }

}  // namespace acd::sim
