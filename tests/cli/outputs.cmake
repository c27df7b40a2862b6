# acdsim's outputs: every path checked before the run, JSON alone on standard
# output, the version, progress in a log, and each replication's own values.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(WRITE "${WORK_DIR}/file" "not a directory\n")

# An unwritable output stops acdsim before the run: one line naming the path
# and the output, nothing on standard output (no table: nothing ran).
foreach(flag_and_what "--json;the JSON report" "--trace;the trace" "--partial;the partial result"
                      "--replications-out;the replications' results")
  list(GET flag_and_what 0 flag)
  list(GET flag_and_what 1 what)
  expect_failure(1 "^acdsim: ${WORK_DIR}/file/out: cannot write ${what}: Not a directory\n$"
                 run --replications 2 ${flag} "${WORK_DIR}/file/out")
  if(NOT failure_stdout STREQUAL "")
    message(FATAL_ERROR "${flag}: acdsim ran before finding its output unwritable")
  endif()
endforeach()
expect_failure(1 "^acdsim: ${WORK_DIR}/file/csv: cannot write the CSV report: " run
               --replications 2 --csv "${WORK_DIR}/file/csv")
expect_failure(1 "^acdsim: ${WORK_DIR}/missing/out.json: cannot write the JSON report: No such "
               run --replications 2 --json "${WORK_DIR}/missing/out.json")
expect_failure(1 "^acdsim: ${WORK_DIR}: cannot write the JSON report: it is a directory\n$" run
               --replications 2 --json "${WORK_DIR}")
expect_failure(2 "^acdsim: --json - and --replications-out -: only one output can go to standard "
               run --replications 2 --json - --replications-out -)
expect_failure(2 "^acdsim: --trace - and --partial -: only one output" run --trace - --partial -)
if(NOT failure_stdout STREQUAL "")
  message(FATAL_ERROR "acdsim ran with two outputs on standard output")
endif()
file(GLOB leftovers "${WORK_DIR}/*.tmp" "${WORK_DIR}/file/*")
if(leftovers)
  message(FATAL_ERROR "failed runs left files behind: ${leftovers}")
endif()

# --json -: the JSON alone on standard output (a JSON parser reads it), the
# table on standard error; the JSON carries the version --version prints.
execute_process(COMMAND "${ACDSIM}" --version OUTPUT_VARIABLE version RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT version MATCHES "^acdsim [0-9]+\\.[0-9]+\\.[0-9]+\n$")
  message(FATAL_ERROR "acdsim --version (exit ${rc}) printed '${version}'")
endif()
string(REGEX REPLACE "^acdsim (.*)\n$" "\\1" version "${version}")
execute_process(COMMAND "${ACDSIM}" run --replications 2 --json -
                COMMAND "${PYTHON}" -m json.tool
                RESULTS_VARIABLE rcs OUTPUT_VARIABLE pretty ERROR_VARIABLE table)
if(NOT rcs STREQUAL "0;0")
  message(FATAL_ERROR "acdsim run --json - | python3 -m json.tool: exits ${rcs}: ${table}")
endif()
if(NOT pretty MATCHES "\n    \"version\": \"${version}\",\n" OR NOT table MATCHES "^Scenario: ")
  message(FATAL_ERROR "no version ${version} in the JSON, or no table on stderr:\n${table}")
endif()

# --progress always in a log (standard error is a file here): a line at the
# first replication and one at the end; auto and never: nothing.
execute_process(COMMAND "${ACDSIM}" run --replications 2 --progress always
                OUTPUT_QUIET ERROR_VARIABLE log RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT log MATCHES
   "^acdsim: \\[#+-+\\] 1/2 replications[^\n]*\nacdsim: 2/2 replications in [0-9]+\\.[0-9] s\n$")
  message(FATAL_ERROR "--progress always (exit ${rc}) wrote:\n${log}")
endif()
foreach(mode auto never)
  execute_process(COMMAND "${ACDSIM}" run --replications 2 --progress ${mode}
                  OUTPUT_QUIET ERROR_VARIABLE log RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT log STREQUAL "")
    message(FATAL_ERROR "--progress ${mode} (exit ${rc}) wrote to a log:\n${log}")
  endif()
endforeach()
expect_failure(2 "^acdsim: --progress: 'often' is not auto, always or never" run --progress often)

# --replications-out: the same rows at any thread count, in replication
# order; a part's rows are the whole study's rows of its replications.
run_acdsim(run --replications 4 --replications-out "${WORK_DIR}/one.csv")
run_acdsim(run --replications 4 --threads 3 --replications-out "${WORK_DIR}/three.csv")
expect_same_files("${WORK_DIR}/one.csv" "${WORK_DIR}/three.csv")
run_acdsim(run --replications 4 --replication-range 1:3 --replications-out "${WORK_DIR}/part.csv")
file(STRINGS "${WORK_DIR}/one.csv" rows)
file(STRINGS "${WORK_DIR}/part.csv" part_rows)
list(GET rows 0 header)
if(NOT header STREQUAL "replication,slice,member,kpi,value")
  message(FATAL_ERROR "replications CSV header: ${header}")
endif()
set(expected_part "${header}")
set(order "")
foreach(row IN LISTS rows)
  if(row MATCHES "^([0-9]+),")
    set(replication "${CMAKE_MATCH_1}")
    if(NOT order MATCHES "${replication}$")
      string(APPEND order "${replication}")
    endif()
    if(row MATCHES "^[12],")
      list(APPEND expected_part "${row}")
    endif()
  endif()
endforeach()
if(NOT order STREQUAL "0123")
  message(FATAL_ERROR "replication rows not in replication order: ${order}")
endif()
if(NOT part_rows STREQUAL expected_part)
  message(FATAL_ERROR "the rows of replications 1:3 differ from the whole study's")
endif()
# JSON Lines: one object per row, the same rows, and their mean is the
# report's mean.
run_acdsim(run --replications 4 --replications-out "${WORK_DIR}/rows.jsonl"
           --json "${WORK_DIR}/report.json")
execute_process(COMMAND "${PYTHON}" -c [=[
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
report = json.load(open(sys.argv[2]))
csv_rows = sum(1 for _ in open(sys.argv[3])) - 1
offered = [r["value"] for r in rows if r["slice"] == "total" and r["kpi"] == "offered"]
assert len(rows) == csv_rows, (len(rows), csv_rows)
assert [r["replication"] for r in rows[:1]] == [0]
assert len(offered) == 4
assert abs(sum(offered) / 4 - report["total"]["offered"]["mean"]) < 1e-9
]=] "${WORK_DIR}/rows.jsonl" "${WORK_DIR}/report.json" "${WORK_DIR}/one.csv"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the JSON Lines rows do not match the CSV rows or the report: ${err}")
endif()
