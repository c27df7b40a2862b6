# acdsim report and --html: the page of a run's JSON is the run's --html,
# byte for byte (and so for merge, compare and staff); bad documents and
# unwritable pages are one clear line, before any work.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(WRITE "${WORK_DIR}/file" "not a directory\n")
set(scenario "${SOURCE_DIR}/tests/cli/report_scenario.txtpb")

# The run's page, the report of its JSON, the page at another thread count
# and the merge's page are one page.
run_acdsim(run "${scenario}" --json "${WORK_DIR}/run.json" --html "${WORK_DIR}/run.html"
           --partial "${WORK_DIR}/all.part")
run_acdsim(report "${WORK_DIR}/run.json" -o "${WORK_DIR}/report.html")
expect_same_files("${WORK_DIR}/run.html" "${WORK_DIR}/report.html")
run_acdsim(run "${scenario}" --threads 3 --html "${WORK_DIR}/threads.html")
expect_same_files("${WORK_DIR}/run.html" "${WORK_DIR}/threads.html")
run_acdsim(run "${scenario}" --shard 0/2 --partial "${WORK_DIR}/0.part")
run_acdsim(run "${scenario}" --shard 1/2 --partial "${WORK_DIR}/1.part")
run_acdsim(merge "${WORK_DIR}/1.part" "${WORK_DIR}/0.part" --html "${WORK_DIR}/merge.html")
expect_same_files("${WORK_DIR}/run.html" "${WORK_DIR}/merge.html")
file(READ "${WORK_DIR}/run.html" page)
if(NOT page MATCHES "^<!DOCTYPE html>" OR NOT page MATCHES "data-chart=\"service_level\"" OR
   page MATCHES "http" OR page MATCHES "<script")
  message(FATAL_ERROR "run.html is not a self-contained page with a service-level chart")
endif()

# --output, standard input and standard output; --sl-target moves the line.
execute_process(COMMAND "${ACDSIM}" report - --output - --sl-target 0.9
                INPUT_FILE "${WORK_DIR}/run.json" OUTPUT_VARIABLE piped RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT piped MATCHES "<line class=\"ref\" data-value=\"0.9\"")
  message(FATAL_ERROR "acdsim report - --output - --sl-target 0.9: exit ${rc}")
endif()
execute_process(COMMAND "${ACDSIM}" run "${scenario}" --html -
                OUTPUT_VARIABLE stdout_page ERROR_VARIABLE table RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT stdout_page STREQUAL page OR NOT table MATCHES "^Scenario: ")
  message(FATAL_ERROR "run --html -: exit ${rc}; the page alone on standard output, the table "
                      "on standard error expected")
endif()
run_acdsim(report "${SOURCE_DIR}/tests/sim/html/comparison.json" -o "${WORK_DIR}/compare.html")
file(READ "${WORK_DIR}/compare.html" compare)
if(NOT compare MATCHES "data-member=\"total\" data-chart=\"diff-service_level_ans\"")
  message(FATAL_ERROR "the comparison page has no chart of the paired SL difference")
endif()

# acdsim compare --html: the page of its JSON, with the paired SL difference.
execute_process(COMMAND "${ACDSIM}" compare "${scenario}" --set-b "agent_groups[agents].count=4"
                --json "${WORK_DIR}/compare.json" --html "${WORK_DIR}/compare_run.html"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(rc EQUAL 2 OR NOT EXISTS "${WORK_DIR}/compare_run.html")
  message(FATAL_ERROR "acdsim compare --html: exit ${rc}: ${err}")
endif()
run_acdsim(report "${WORK_DIR}/compare.json" -o "${WORK_DIR}/compare_report.html")
expect_same_files("${WORK_DIR}/compare_run.html" "${WORK_DIR}/compare_report.html")
file(READ "${WORK_DIR}/compare_run.html" compare_page)
if(NOT compare_page MATCHES "data-member=\"Support\" data-chart=\"diff-service_level_ans\"" OR
   NOT compare_page MATCHES "<code>agent_groups\\[agents\\].count=4</code>")
  message(FATAL_ERROR "compare --html: no paired SL difference for Support, or no override")
endif()
expect_failure(2 "^acdsim: --json - and --html -: only one output" compare --json - --html -)

# acdsim staff --html: the page of its JSON, agents per interval as steps.
run_acdsim(staff "${scenario}" --group agents --target "calls:sl=0.8@20s" --replications 2
           --json "${WORK_DIR}/staff.json" --html "${WORK_DIR}/staff_run.html")
run_acdsim(report "${WORK_DIR}/staff.json" -o "${WORK_DIR}/staff_report.html")
expect_same_files("${WORK_DIR}/staff_run.html" "${WORK_DIR}/staff_report.html")
file(READ "${WORK_DIR}/staff_run.html" staff_page)
if(NOT staff_page MATCHES "data-series=\"agents.agents\" data-i=\"3\"" OR
   NOT staff_page MATCHES "<line class=\"ref\" data-value=\"0.8\"")
  message(FATAL_ERROR "staff --html: no agents steps for 4 intervals, or no limit line")
endif()
expect_failure(1 "^acdsim: --json - and --html -: only one output" staff "${scenario}"
               --target "calls:sl=0.8@20s" --json - --html -)

# Bad documents: the file and the byte offset; no page written.
file(WRITE "${WORK_DIR}/bad.json" "{\"version\": \"0.1.0\",}\n")
expect_failure(1 "^acdsim: ${WORK_DIR}/bad.json: byte 20 \\(line 1, column 21\\): expected a key \\(a string\\) in an object\n$"
               report "${WORK_DIR}/bad.json" -o "${WORK_DIR}/bad.html")
file(WRITE "${WORK_DIR}/other.json" "{\"version\": \"0.1.0\", \"kind\": \"forecast\"}\n")
expect_failure(1 "^acdsim: ${WORK_DIR}/other.json: byte 29: kind: \"forecast\" is not result, "
               report "${WORK_DIR}/other.json" -o "${WORK_DIR}/bad.html")
expect_failure(1 "^acdsim: ${WORK_DIR}/missing.json: cannot open the document: No such file"
               report "${WORK_DIR}/missing.json" -o "${WORK_DIR}/bad.html")
if(EXISTS "${WORK_DIR}/bad.html")
  message(FATAL_ERROR "a failed report left a page behind")
endif()

# An unwritable page is found before anything is read or run.
expect_failure(1 "^acdsim: ${WORK_DIR}/file/out.html: cannot write the HTML report: Not a directory\n$"
               report "${WORK_DIR}/missing.json" -o "${WORK_DIR}/file/out.html")
expect_failure(1 "^acdsim: ${WORK_DIR}/file/out.html: cannot write the HTML report: Not a directory\n$"
               run "${scenario}" --html "${WORK_DIR}/file/out.html")
if(NOT failure_stdout STREQUAL "")
  message(FATAL_ERROR "acdsim run ran before finding --html unwritable")
endif()
expect_failure(1 "^acdsim: ${WORK_DIR}/file/out.html: cannot write the HTML report: "
               merge "${WORK_DIR}/0.part" "${WORK_DIR}/1.part" --html "${WORK_DIR}/file/out.html")

# Usage errors.
expect_failure(2 "^acdsim: missing -o FILE" report "${WORK_DIR}/run.json")
expect_failure(2 "^acdsim: --sl-target: '1.5' is not a fraction in \\(0, 1\\]"
               report "${WORK_DIR}/run.json" -o "${WORK_DIR}/x.html" --sl-target 1.5)
expect_failure(2 "^acdsim: --json - and --html -: only one output can go to standard output"
               run "${scenario}" --json - --html -)
