# acdsim compare: identical sides differ by exactly 0 with zero-width
# intervals; the shipped variants of full_day show a variance reduction of at
# least 5x on the paired service-level difference; the exit status says
# better (3), worse (1) or no difference (0); errors exit 2 on one line.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(w "${WORK_DIR}")
set(full_day "${SOURCE_DIR}/scenarios/full_day.txtpb")
set(variant "${SOURCE_DIR}/scenarios/variants/full_day_chat_priority.txtpb")

# compare_status(<var> <args>...): runs acdsim compare, storing its exit
# status in <var>; fails on anything on stderr.
function(compare_status var)
  execute_process(COMMAND "${ACDSIM}" compare ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT err STREQUAL "")
    message(FATAL_ERROR "acdsim compare ${ARGN}: exit ${rc}, stderr: ${err}")
  endif()
  set(${var} "${rc}" PARENT_SCOPE)
  set(compare_stdout "${out}" PARENT_SCOPE)
endfunction()

# check_json(<file> <python code>): runs the code with `c` the parsed JSON.
function(check_json file code)
  execute_process(COMMAND "${PYTHON}" -c "import json, sys\nc = json.load(open(sys.argv[1]))\n${code}"
                          "${file}" RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${file}: ${err}")
  endif()
endfunction()

# Identical sides: every difference exactly 0 with a zero-width interval.
compare_status(rc --set horizon_s=7200 --replications 5 --json "${w}/same.json")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "identical sides: exit ${rc}, expected 0")
endif()
check_json("${w}/same.json" [=[
assert list(c)[:10] == ["version", "kind", "a", "b", "seed", "replications", "service_level_s",
                        "interval_s", "total", "workgroups"], list(c)
assert c["kind"] == "comparison"
assert c["a"] == c["b"] == {"scenario": c["a"]["scenario"], "file": "scenarios/default.txtpb",
                            "overrides": ["horizon_s=7200"]}, c["a"]
cells = [c["total"]] + list(c["workgroups"].values()) + list(c["contact_types"].values())
cells += [i["kpis"] for i in c["total_intervals"]]
cells += [i["kpis"] for v in c["intervals"].values() for i in v]
n = 0
for kpis in cells:
    for key, k in kpis.items():
        if k["diff"] is None:
            continue
        assert k["diff"] == 0 and k["ci95"] == 0, (key, k)
        assert k["verdict"] in ("no significant difference", "not compared"), (key, k)
        n += 1
assert n > 100, n
assert c["total"]["service_level_ans"]["better"] == "higher"
assert c["total"]["asa_s"]["better"] == "lower"
assert c["total"]["occupancy"]["better"] == "none"
]=])

# The shipped variants: B (chats at call priority) is better, and common
# random numbers make the paired SL interval at least 5x narrower in variance.
compare_status(rc "${full_day}" "${variant}" --replications 10 --json "${w}/variants.json")
if(NOT rc EQUAL 3 OR NOT compare_stdout MATCHES "Variance reduction of the paired difference")
  message(FATAL_ERROR "variants: exit ${rc}, expected 3:\n${compare_stdout}")
endif()
check_json("${w}/variants.json" [=[
for key in ("service_level_ans", "service_level_off", "service_level_g1"):
    k = c["total"][key]
    reduction = (k["unpaired_ci95"] / k["ci95"]) ** 2
    print(key, "variance reduction", round(reduction, 1))
    assert reduction >= 5, (key, reduction)
    assert k["verdict"] == "better", k
assert c["total"]["offered"]["diff"] == 0 and c["total"]["offered"]["ci95"] == 0
assert c["b"]["file"].endswith("full_day_chat_priority.txtpb")
assert len(c["total_intervals"]) == 96
]=])

# Fewer agents on side B: worse, exit 1; a name change alone: no difference.
compare_status(rc --set horizon_s=7200 --set-b "agent_groups[agent].count=52" --replications 5)
if(NOT rc EQUAL 1 OR NOT compare_stdout MATCHES "B: [^\n]*overrides: horizon_s=7200, agent_groups\\[agent\\]\\.count=52\n")
  message(FATAL_ERROR "fewer agents: exit ${rc}, expected 1:\n${compare_stdout}")
endif()
compare_status(rc --set horizon_s=7200 --set-b "name=renamed" --replications 5)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "a renamed side: exit ${rc}, expected 0")
endif()
# The same at any thread count, and the CSV files.
compare_status(rc "${full_day}" "${variant}" --replications 10 --threads 3
               --json "${w}/threads.json" --csv "${w}/csv")
expect_same_files("${w}/variants.json" "${w}/threads.json")
file(STRINGS "${w}/csv/total_intervals.csv" header LIMIT_COUNT 1)
if(NOT header MATCHES "^total,start_s,offered_a,offered_b,offered_diff,offered_ci95,offered_unpaired_ci95,offered_verdict,")
  message(FATAL_ERROR "total_intervals.csv header: ${header}")
endif()

# Other agent groups: a warning that the agent-side streams are paired by
# position (here only the name differs, so nothing else does).
execute_process(COMMAND "${ACDSIM}" compare --set horizon_s=7200 --set-b "agent_groups[agent].name=other"
                        --replications 3
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err MATCHES "^acdsim: warning: the sides have other agent groups \\(A \\[agent\\], B \\[other\\]\\)")
  message(FATAL_ERROR "renamed agent group: exit ${rc}, stderr: ${err}")
endif()

# Errors: exit 2 (1 means "worse"), one line.
expect_failure(2 "^acdsim: side A: [^\n]*nowhere\\.txtpb[^\n]*\n$" compare "${w}/nowhere.txtpb" "${variant}")
expect_failure(2 "^acdsim: side A: --set 'agent_groups\\[xx\\]\\.count=1': agent_groups\\[xx\\]: no agent_groups element has name \"xx\""
               compare --set-a "agent_groups[xx].count=1")
expect_failure(2 "^acdsim: side B: --set 'horizon=1': horizon: acd\\.proto\\.Scenario has no field"
               compare --set-b horizon=1)
expect_failure(2 "^acdsim: the sides have other contact types: A has \\[Calls\\], B \\[billing calls, "
               compare "${SOURCE_DIR}/scenarios/default.txtpb" "${full_day}")
expect_failure(2 "^acdsim: side A's seed is 1 and side B's 12345: common random numbers need one seed; give --seed\n$"
               compare --set-a seed=1)
expect_failure(2 "^acdsim: unexpected argument 'c\\.txtpb'"
               compare a.txtpb b.txtpb c.txtpb)
