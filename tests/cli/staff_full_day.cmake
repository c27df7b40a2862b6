# acdsim staff on the shipped full day (all eight groups, 80/20 calls and
# 80/60 s chats, the default options): the scenario it writes, re-run with
# another seed and as many replications as its check, meets every target's
# mean in every interval (the safety rule of sim/staffing.h).

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(groups)
foreach(g billing-early billing-late bilingual tech-early tech-middle tech-late sales-early
          sales-late)
  list(APPEND groups --group ${g})
endforeach()
execute_process(COMMAND "${ACDSIM}" staff "${SOURCE_DIR}/scenarios/full_day.txtpb" ${groups}
                        --target "billing calls:sl=0.8@20s"
                        --target "spanish billing calls:sl=0.8@20s"
                        --target "tech calls:sl=0.8@20s" --target "tech chats:sl=0.8@60s"
                        --target "sales calls:sl=0.8@20s"
                        --write-scenario "${WORK_DIR}/staffed.txtpb"
                RESULT_VARIABLE rc OUTPUT_VARIABLE table ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "acdsim staff: exit ${rc}: ${err}")
endif()
if(NOT table MATCHES "z = 3\\.550 for a 0\\.05 risk over 260 interval-target cells" OR
   NOT table MATCHES "every target met in every interval")
  message(FATAL_ERROR "acdsim staff on the full day: ${table}")
endif()

# The written file carries the chats' 60 s threshold (as their second one,
# after the scenario's 20 s): the table names the KPI that reports each
# target in acdsim run, and the file re-runs unmodified.
set(keys)
foreach(spec "billing calls:sl=0.8@20s" "spanish billing calls:sl=0.8@20s" "tech calls:sl=0.8@20s"
        "tech chats:sl=0.8@60s" "sales calls:sl=0.8@20s")
  string(REGEX MATCH "written scenario: ${spec} is ([a-z0-9_]+) in acdsim run" line "${table}")
  if(NOT line)
    message(FATAL_ERROR "no KPI named for ${spec}: ${table}")
  endif()
  list(APPEND keys "${CMAKE_MATCH_1}")
endforeach()
if(NOT keys STREQUAL "service_level_ans;service_level_ans;service_level_ans;service_level_t2;service_level_ans")
  message(FATAL_ERROR "KPI keys of the targets: ${keys}")
endif()
file(READ "${WORK_DIR}/staffed.txtpb" written)
if(NOT written MATCHES "service_level_s: 20\n *service_level_s: 60\n")
  message(FATAL_ERROR "the chats' thresholds are not 20 and 60 s: ${written}")
endif()
run_acdsim(run "${WORK_DIR}/staffed.txtpb" --seed 999 --replications 20
           --json "${WORK_DIR}/rerun.json")
execute_process(COMMAND "${PYTHON}" -c [=[
import json, sys
d = json.load(open(sys.argv[1]))
value = lambda k: k["mean"] if isinstance(k, dict) else k
cells, missed = 0, []
names = ["billing calls", "spanish billing calls", "tech calls", "tech chats", "sales calls"]
for name, key in zip(names, sys.argv[2].split(";")):
    for row in d["contact_type_intervals"][name]:
        k = row["kpis"]
        if not value(k["offered"]):
            continue
        cells += 1
        if value(k[key]) < 0.8:
            missed.append((name, key, row["start_s"], value(k[key])))
assert cells == 260, cells
assert not missed, missed
]=] "${WORK_DIR}/rerun.json" "${keys}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the staffed full day re-run with seed 999: ${err}")
endif()
