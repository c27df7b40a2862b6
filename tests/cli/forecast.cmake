# acdsim forecast from a snapshot that acdsim run --snapshot-at wrote: the
# same output byte for byte on any thread count, the start line on standard
# error (with agents added by --set), and one-line errors for a missing or
# damaged snapshot, a mismatched scenario, a --set of the center, a bad
# horizon, and a --snapshot-at without --snapshot-out.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(w "${WORK_DIR}")
set(scenario "${SOURCE_DIR}/scenarios/default.txtpb")

run_acdsim(run "${scenario}" --set horizon_s=7200 --replications 2 --progress never
           --snapshot-at 3600 --snapshot-out "${w}/state.pb")
set(forecast forecast --state "${w}/state.pb" --scenario "${scenario}" --horizon 30m
             --replications 3 --progress never)
execute_process(COMMAND "${ACDSIM}" ${forecast} --json "${w}/one.json"
                RESULT_VARIABLE rc OUTPUT_VARIABLE table ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT table MATCHES "3 replications, seed 12345, horizon 5400 s, warm-up 3600 s")
  message(FATAL_ERROR "forecast: exit ${rc}, table:\n${table}${err}")
endif()
if(NOT err MATCHES "^forecast from 3600 s to 5400 s: [0-9]+ interactions live \\([0-9]+ waiting\\), 55 of 55 agents logged in, 0 added by the scenario\n$")
  message(FATAL_ERROR "forecast: unexpected standard error:\n${err}")
endif()
run_acdsim(${forecast} --threads 2 --json "${w}/two.json")
expect_same_files("${w}/one.json" "${w}/two.json")

# Two more agents than the snapshot has: added, logged in at once.
execute_process(COMMAND "${ACDSIM}" ${forecast} --set "agent_groups[agent].count=57"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err MATCHES "55 of 57 agents logged in, 2 added by the scenario")
  message(FATAL_ERROR "forecast with two more agents: exit ${rc}: ${err}")
endif()

expect_failure(1 "^acdsim: snapshot: agents\\[53\\] \"agent-54\" is not an agent of the scenario\n$"
               ${forecast} --set "agent_groups[agent].count=53")
expect_failure(2 "a forecast's routing configuration is the snapshot's"
               ${forecast} --set "center.workgroups[Support].wrap_up_s=5")
file(WRITE "${w}/bad.pb" "not a snapshot")
expect_failure(1 "^acdsim: ${w}/bad.pb: snapshot: checksum mismatch"
               forecast --state "${w}/bad.pb" --scenario "${scenario}" --horizon 1h)
expect_failure(1 "^acdsim: .*missing.pb"
               forecast --state "${w}/missing.pb" --scenario "${scenario}" --horizon 1h)
expect_failure(2 "--state SNAPSHOT is required" forecast --scenario "${scenario}" --horizon 1h)
expect_failure(2 "--horizon: '0' is not a duration"
               forecast --state "${w}/state.pb" --scenario "${scenario}" --horizon 0)
expect_failure(2 "--snapshot-at and --snapshot-out go together" run --snapshot-at 3600)
expect_failure(1 "'99999' \\(99999 s from the start\\) is outside the run"
               run --set horizon_s=7200 --snapshot-at 99999 --snapshot-out "${w}/x.pb")
