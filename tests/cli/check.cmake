# acdsim check: a scenario against a golden report. Exact mode fails with a
# value-by-value diff, and statistical mode with the KPIs that moved, when one
# routing weight of full_day changes (the Tech workgroup's priority weight,
# default 1, set to -1: chats go before calls, and Tech's service level moves
# from about 0.48 to 0.56); bad goldens and command lines exit 2 with one line.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(w "${WORK_DIR}")
set(full_day "${SOURCE_DIR}/scenarios/full_day.txtpb")
set(full_day_golden "${SOURCE_DIR}/tests/golden/full_day.json")
set(tiers "${SOURCE_DIR}/scenarios/tiers.txtpb")

# expect_regression(<regexes the standard output must match>... ARGS <args>...)
function(expect_regression)
  cmake_parse_arguments(ARG "" "" "ARGS" ${ARGN})
  execute_process(COMMAND "${ACDSIM}" ${ARG_ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 1 OR NOT err STREQUAL "")
    message(FATAL_ERROR "acdsim ${ARG_ARGS}: exit ${rc} (expected 1), stderr '${err}':\n${out}")
  endif()
  foreach(pattern IN LISTS ARG_UNPARSED_ARGUMENTS)
    if(NOT out MATCHES "${pattern}")
      message(FATAL_ERROR "acdsim ${ARG_ARGS}: output does not match '${pattern}':\n${out}")
    endif()
  endforeach()
endfunction()

# expect_pass(<regex> <args>...): exit 0, standard output matching.
function(expect_pass pattern)
  execute_process(COMMAND "${ACDSIM}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "acdsim ${ARGN}: exit ${rc}, output '${out}' (expected '${pattern}'), "
                        "stderr '${err}'")
  endif()
endfunction()

# One routing weight changed, in a copy of full_day.
file(READ "${full_day}" text)
set(tech "    name: \"Tech\"\n    wrap_up_s: 90\n")
string(FIND "${text}" "${tech}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "full_day.txtpb no longer has the Tech workgroup this test edits")
endif()
string(REPLACE "${tech}" "${tech}    interaction_weights { priority: -1 }\n" text "${text}")
file(WRITE "${w}/weight.txtpb" "${text}")

expect_pass("^acdsim check: pass: \"full day, mid-size center\" \\(seed 12345, 10 replications\\) against [^\n]*full_day.json: identical, [0-9]+ bytes, [0-9]+ values\n$"
            check "${full_day}" --golden "${full_day_golden}" --threads 2)
expect_regression(
  "^acdsim check: REGRESSION: \"full day, mid-size center\" \\(seed 12345, 10 replications\\) against [^\n]*: [0-9]+ of [0-9]+ values differ \\(exact mode\\):\n"
  "\n  workgroups\\.Tech\\.service_level_ans\\.mean: 0\\.4[0-9]+ -> 0\\.5[0-9]+\n"
  "\n  contact_types\\[\"tech chats\"\\]\\.abandoned\\.mean: [0-9.]+ -> [0-9.]+\n"
  ARGS check "${w}/weight.txtpb" --golden "${full_day_golden}" --show 100000)
# Only the first 20 by default, then how many more.
expect_regression("\n  \\.\\.\\. and [0-9]+ more\n  by section: total [0-9]+, workgroups [0-9]+, contact_types [0-9]+, agent_groups [0-9]+, intervals [0-9]+, contact_type_intervals [0-9]+, agent_group_intervals [0-9]+, total_intervals [0-9]+\n$"
                  ARGS check "${w}/weight.txtpb" --golden "${full_day_golden}")

# Statistical mode, with another seed: the unchanged scenario passes, the
# changed one fails on Tech's service level (both with the intervals widened
# twice, which measured quiet across seeds 1 to 5 on every shipped scenario).
expect_pass("^acdsim check: pass: [^\n]*\\(seed 1, 10 replications\\)[^\n]*: [0-9]+ KPIs within their combined 95% intervals\n$"
            check "${full_day}" --golden "${full_day_golden}" --mode statistical --seed 1
            --interval-scale 2)
expect_regression(
  "^acdsim check: REGRESSION: [^\n]*: [0-9]+ of [0-9]+ KPIs outside their combined 95% intervals \\(statistical mode\\):\n"
  "\n  workgroups\\.Tech\\.service_level_ans: 0\\.4[0-9]+ ± 0\\.0[0-9]+ -> 0\\.5[0-9]+ ± 0\\.0[0-9]+: \\|diff\\| 0\\.0[0-9]+ > 0\\.0[0-9]+ \\(combined 95% half-width\\)\n"
  ARGS check "${w}/weight.txtpb" --golden "${full_day_golden}" --mode statistical --seed 1
       --interval-scale 2 --show 100000)

# --update writes the golden whole: the bytes of `run --json`, and says so.
expect_pass("^acdsim check: wrote golden ${w}/tiers.json \\([0-9]+ bytes; scenario \"primary, secondary, tertiary tiers\", seed 12345, 10 replications\\): new\n$"
            check "${tiers}" --golden "${w}/tiers.json" --update)
run_acdsim(run "${tiers}" --json "${w}/run.json")
expect_same_files("${w}/tiers.json" "${w}/run.json")
expect_pass(": unchanged\n$" check "${tiers}" --golden "${w}/tiers.json" --update)
expect_pass("^acdsim check: pass: " check "${tiers}" --golden "${w}/tiers.json")
expect_pass(": [1-9][0-9]* of [0-9]+ values changed\n$"
            check "${tiers}" --golden "${w}/tiers.json" --update --seed 3)
file(GLOB leftovers "${w}/*.tmp")
if(leftovers)
  message(FATAL_ERROR "--update left temporary files: ${leftovers}")
endif()

# Input errors: exit 2, one line naming the file and what is wrong.
expect_failure(2 "^acdsim: ${w}/none.json: cannot open the golden: No such file or directory \\(write it with --update\\)\n$"
               check "${tiers}" --golden "${w}/none.json")
file(WRITE "${w}/malformed.json" "{\"version\": \"0.1.0\",\n  \"seed\" 12345}\n")
expect_failure(2 "^acdsim: ${w}/malformed.json: byte 30 \\(line 2, column 10\\): expected ':' after a key\n$"
               check "${tiers}" --golden "${w}/malformed.json")
expect_failure(2 "^acdsim: ${w}: the golden is not a regular file \\(a directory\\)\n$"
               check "${tiers}" --golden "${w}")
file(WRITE "${w}/list.json" "[1, 2]\n")
expect_failure(2 "^acdsim: ${w}/list.json: not an acdsim JSON report \\(no \"version\"; write one with --update\\)\n$"
               check "${tiers}" --golden "${w}/list.json")
expect_failure(2 "^acdsim: ${full_day_golden}: a golden of scenario \"full day, mid-size center\", not of \"primary, secondary, tertiary tiers\"\n$"
               check "${tiers}" --golden "${full_day_golden}")
expect_failure(2 "^acdsim: ${w}/tiers.json: made with seed 3, this run has 12345; exact mode needs the same \\(run with --seed 3, or use --mode statistical, or --update\\)\n$"
               check "${tiers}" --golden "${w}/tiers.json")
expect_failure(2 "^acdsim: ${w}/tiers.json: made with replications 10, this run has 4; "
               check "${tiers}" --golden "${w}/tiers.json" --seed 3 --replications 4)
expect_failure(2 "^acdsim: --golden FILE is required \\(see 'acdsim --help'\\)\n$" check "${tiers}")
expect_failure(2 "^acdsim: --golden -: the golden must be a file" check "${tiers}" --golden -)
expect_failure(2 "^acdsim: --mode: 'fuzzy' is not a mode: exact or statistical"
               check "${tiers}" --golden "${w}/tiers.json" --mode fuzzy)
expect_failure(2 "^acdsim: ${w}/missing.txtpb: cannot open the scenario: No such file or directory"
               check "${w}/missing.txtpb" --golden "${w}/tiers.json")
