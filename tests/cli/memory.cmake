# Memory does not grow with the number of replications: peak resident memory
# of 400 replications within 1.5x that of 20, on a scenario whose 600
# reporting intervals make each replication's results large (about 0.35 MB,
# which a run that kept them would need 400 times over). Measured with GNU
# time; without it the test is skipped.

if(NOT EXISTS "${GNU_TIME}")
  message("SKIPPED: GNU time (Debian package time) is not installed")
  return()
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(WRITE "${WORK_DIR}/many_intervals.txtpb" [=[
name: "many intervals"
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 2 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 6 } }
  handle_time { exponential { mean_s: 300 } }
}
horizon_s: 36000
interval_s: 60
]=])
foreach(replications 20 400)
  execute_process(COMMAND "${GNU_TIME}" -f "%M" "${ACDSIM}" run "${WORK_DIR}/many_intervals.txtpb"
                          --replications ${replications} --threads 2
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE peak_kb)
  string(STRIP "${peak_kb}" peak_kb)
  if(NOT rc EQUAL 0 OR NOT peak_kb MATCHES "^[0-9]+$")
    message(FATAL_ERROR "acdsim run --replications ${replications}: exit ${rc}: ${peak_kb}")
  endif()
  set(peak_${replications} ${peak_kb})
endforeach()
message("peak resident memory: ${peak_20} KB for 20 replications, ${peak_400} KB for 400")
math(EXPR limit "${peak_20} * 3 / 2")
if(peak_400 GREATER limit)
  message(FATAL_ERROR "memory grows with replications: ${peak_400} KB > 1.5 x ${peak_20} KB")
endif()
