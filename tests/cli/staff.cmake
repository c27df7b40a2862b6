# acdsim staff: bad targets and groups are usage errors naming them; a run
# writes the table, JSON of kind "staffing" in the documented key order, CSV,
# and a scenario that acdsim run accepts as it is.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(scenario "${WORK_DIR}/queue.txtpb")
file(WRITE "${scenario}" [=[
name: "two intervals"
center { workgroups { name: "Q" } }
agent_groups { name: "agents" count: 1 staffable: true workgroups { workgroup: "Q" } }
agent_groups { name: "fixed" count: 2 workgroups { workgroup: "Q" } }
contact_types {
  name: "voice" workgroup: "Q"
  arrivals { poisson { rates_per_hour: [120, 240] } }
  handle_time { exponential { mean_s: 240 } }
  patience { exponential { mean_s: 120 } }
}
horizon_s: 3600
interval_s: 1800
replications: 4
]=])
file(READ "${scenario}" text)
string(REPLACE "staffable: true " "" text "${text}")
file(WRITE "${WORK_DIR}/fixed.txtpb" "${text}")

expect_failure(2 "^acdsim: staff: give at least one --target SPEC" staff "${scenario}")
expect_failure(2 "^acdsim: --target 'voice': expected NAME:KPI, as in voice:sl=0.8@20s"
               staff "${scenario}" --target voice)
expect_failure(2 "^acdsim: --target 'email:sl=0.8': \"email\" is not a contact type or workgroup"
               staff "${scenario}" --target email:sl=0.8)
expect_failure(2 "^acdsim: --target 'voice:sl=80': value \"80\" is not a fraction in 0..1"
               staff "${scenario}" --target voice:sl=80)
expect_failure(2 "^acdsim: --group 'night': no agent group of that name"
               staff "${scenario}" --target voice:sl=0.8 --group night)
expect_failure(2 "^acdsim: --history: 'some' is not" staff "${scenario}" --target voice:sl=0.8
               --history some)
expect_failure(2 "^acdsim: --verify: '-1' is not" staff "${scenario}" --target voice:sl=0.8
               --verify -1)
expect_failure(1 "^acdsim: no agent group is staffable" staff "${WORK_DIR}/fixed.txtpb"
               --target voice:sl=0.8)
expect_failure(1 "^acdsim: ${WORK_DIR}/missing.txtpb: cannot open the scenario: No such file or directory" staff
               "${WORK_DIR}/missing.txtpb" --target voice:sl=0.8)

execute_process(COMMAND "${ACDSIM}" staff "${scenario}" --target voice:sl=0.8@20s
                        --target Q:occupancy<=0.95 --json "${WORK_DIR}/staff.json"
                        --csv "${WORK_DIR}/csv" --write-scenario "${WORK_DIR}/staffed.txtpb"
                RESULT_VARIABLE rc OUTPUT_VARIABLE table ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "acdsim staff: exit ${rc}: ${err}")
endif()
if(NOT table MATCHES "agent-intervals: [0-9]+ found, [0-9]+ per-interval Erlang A")
  message(FATAL_ERROR "acdsim staff's table has no totals: ${table}")
endif()
if(NOT table MATCHES "whole-day check on 20 fresh replications \\(4\\.\\.23; [^)]*\\): [0-9]+ rounds?, [0-9]+ agents? added, [0-9]+ removed; every target met in every interval")
  message(FATAL_ERROR "acdsim staff's table has no whole-day check: ${table}")
endif()
foreach(file csv/staffing.csv csv/targets.csv staffed.txtpb)
  if(NOT EXISTS "${WORK_DIR}/${file}")
    message(FATAL_ERROR "acdsim staff did not write ${file}")
  endif()
endforeach()
file(READ "${WORK_DIR}/csv/staffing.csv" csv)
if(NOT csv MATCHES "^interval_start_s,group,agents,erlang_a\n0,agents,[0-9]+,[0-9]+\n1800,agents,")
  message(FATAL_ERROR "unexpected staffing.csv: ${csv}")
endif()

# The JSON's keys, in order, and its totals adding up.
execute_process(COMMAND "${PYTHON}" -c [=[
import json, sys
d = json.load(open(sys.argv[1]))
keys = ["version", "kind", "scenario", "seed", "replications", "interval_s", "overrides",
        "targets", "groups", "intervals", "agent_intervals", "erlang_a_agent_intervals"]
assert list(d) == keys, list(d)
assert d["kind"] == "staffing" and d["overrides"] == [] and d["groups"] == ["agents"]
t = d["targets"][0]
assert list(t) == ["spec", "slice", "name", "kpi", "limit", "bound"], t
assert t == {"spec": "voice:sl=0.8@20s", "slice": "contact_types", "name": "voice",
             "kpi": "service_level_ans", "limit": 0.8, "bound": "at_least"}, t
assert d["targets"][1]["bound"] == "at_most" and d["targets"][1]["slice"] == "workgroups"
assert len(d["intervals"]) == 2
for i in d["intervals"]:
    assert list(i) == ["start_s", "agents", "erlang_a", "targets"], i
    for k in i["targets"]:
        assert list(k) == ["spec", "mean", "ci95", "met"] and k["met"] is True, k
assert d["agent_intervals"] == sum(i["agents"]["agents"] for i in d["intervals"])
assert d["erlang_a_agent_intervals"] == sum(i["erlang_a"]["agents"] for i in d["intervals"])
]=] "${WORK_DIR}/staff.json" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "staff.json: ${err}")
endif()

# The written scenario runs as it is, and staffing it again gives the same
# head counts.
run_acdsim(run "${WORK_DIR}/staffed.txtpb" --seed 99)
execute_process(COMMAND "${ACDSIM}" staff "${WORK_DIR}/staffed.txtpb" --target voice:sl=0.8@20s
                        --target Q:occupancy<=0.95 --csv "${WORK_DIR}/again"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "acdsim staff on its own output: exit ${rc}: ${err}")
endif()
expect_same_files("${WORK_DIR}/csv/staffing.csv" "${WORK_DIR}/again/staffing.csv")

# --set changes the scenario before staffing, is echoed in the JSON and is
# kept in the written scenario.
execute_process(COMMAND "${ACDSIM}" staff "${scenario}" --target voice:sl=0.8@20s
                        --set "contact_types[voice].handle_time.exponential.mean_s=120"
                        --json "${WORK_DIR}/set.json" --write-scenario "${WORK_DIR}/set.txtpb"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "acdsim staff --set: exit ${rc}: ${err}")
endif()
file(READ "${WORK_DIR}/set.json" json)
if(NOT json MATCHES "\"overrides\": \\[\"contact_types\\[voice\\]\\.handle_time\\.exponential\\.mean_s=120\"\\]")
  message(FATAL_ERROR "acdsim staff --set: overrides not echoed: ${json}")
endif()
file(READ "${WORK_DIR}/set.txtpb" written)
if(NOT written MATCHES "mean_s: 120")
  message(FATAL_ERROR "acdsim staff --set: the written scenario lost the override")
endif()
expect_failure(1 "^acdsim: --set .contact_types\\[phone\\][^:]*: contact_types\\[phone\\]: no contact_types element"
               staff "${scenario}" --target voice:sl=0.8 --set "contact_types[phone].handle_time.exponential.mean_s=120")
