// One replication of a scenario (sim/replication.h): a fresh engine and the
// driver that plays the scenario through it (sim/replication_driver.h).

#include "sim/replication.h"

#include <memory>

#include "acd/engine.h"
#include "acd/status_macros.h"
#include "sim/replication_driver.h"

namespace acd::sim {

absl::StatusOr<ReplicationResult> RunReplication(const Scenario& scenario, int replication,
                                                 std::string* trace) {
  ACD_ASSIGN_OR_RETURN(const std::unique_ptr<Engine> engine, Engine::Create(scenario.center));
  ReplicationDriver driver(scenario, replication, *engine, trace);
  return driver.Run();
}

}  // namespace acd::sim
