// Helpers of the round-trip property tests: engine states compared through
// their protobuf form (acd/state_codec.h).

#ifndef ACD_TESTS_ROUNDTRIP_ROUND_TRIP_TESTING_H_
#define ACD_TESTS_ROUNDTRIP_ROUND_TRIP_TESTING_H_

#include <string>

#include "acd/engine.h"
#include "acd/proto/engine_state.pb.h"
#include "acd/state_codec.h"
#include "google/protobuf/util/message_differencer.h"

namespace acd::roundtrip {

// "" when the two engines' exported states are equal; else what differs.
inline std::string StateDifference(const Engine& a, const Engine& b) {
  const proto::EngineState first = EngineStateToProto(a.ExportState());
  const proto::EngineState second = EngineStateToProto(b.ExportState());
  std::string report;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&report);
  if (differencer.Compare(first, second)) return "";
  return report.empty() ? std::string("states differ") : report;
}

}  // namespace acd::roundtrip

#endif  // ACD_TESTS_ROUNDTRIP_ROUND_TRIP_TESTING_H_
