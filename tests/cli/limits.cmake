# Inputs that once exhausted memory (or crashed) end with one clear line
# naming the file, field or limit, exit 1 (invalid input; check and compare
# exit 2 for any error), within 5 s (one case 15 s of wall clock, see below), under
# a 2 GB address-space limit: `ulimit -v 2000000` and `timeout 5` in bash.
# Also: the warnings of a likely mistake reach standard error.

set(w "${WORK_DIR}")
# Wall-clock seconds each run may take (and 5 s of CPU, ulimit -t).
set(wall 5)
file(REMOVE_RECURSE "${w}")
file(MAKE_DIRECTORY "${w}")

# expect_bounded_failure(<exit code> <regex the one stderr line must match> <acdsim args...>)
function(expect_bounded_failure code pattern)
  string(JOIN "' '" quoted ${ARGN})
  execute_process(
    COMMAND bash -c "ulimit -v 2000000 && ulimit -t 5 && exec timeout ${wall} '${ACDSIM}' '${quoted}'"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(rc EQUAL 124)
    message(FATAL_ERROR "acdsim ${ARGN}: still running after ${wall} s")
  endif()
  if(NOT rc EQUAL code)
    message(FATAL_ERROR "acdsim ${ARGN}: exit ${rc}, expected ${code}; stderr: ${err}")
  endif()
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines lines)
  if(NOT lines EQUAL 1 OR NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "acdsim ${ARGN}: stderr '${err}' is not one line matching '${pattern}'")
  endif()
  message("ok: ${err}")
endfunction()

set(head [=[
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 2 workgroups { workgroup: "Q" } }
]=])
set(calls [=[
contact_types { name: "calls" workgroup: "Q" arrivals { poisson { rate_per_hour: 10 } }
  handle_time { constant_s: 60 } }
]=])

# Not regular files.
expect_bounded_failure(1 "^acdsim: /dev/zero: the scenario is not a regular file \\(a character device\\)\n$"
                       run /dev/zero)
expect_bounded_failure(1 "^acdsim: ${w}: the scenario is not a regular file \\(a directory\\)\n$" run "${w}")
file(WRITE "${w}/zero_trace.txtpb" "${head}"
     "contact_types { name: \"calls\" workgroup: \"Q\" arrivals { trace { path: \"/dev/zero\" } }\n"
     "  handle_time { constant_s: 60 } }\nhorizon_s: 3600\n")
expect_bounded_failure(1 "^acdsim: ${w}/zero_trace.txtpb:3:[0-9]+: contact_types\\[0\\]\\.arrivals\\.trace\\.path: /dev/zero: the arrival trace is not a regular file"
                       run "${w}/zero_trace.txtpb")

# Empty traces (these crashed): a directory, an empty file, comments only,
# rows of another type.
file(MAKE_DIRECTORY "${w}/dir.csv")
file(WRITE "${w}/empty.csv" "")
file(WRITE "${w}/comments.csv" "# nothing\n\n")
file(WRITE "${w}/chats.csv" "time_s,contact_type\n1,chats\n")
foreach(trace dir empty comments chats)
  file(WRITE "${w}/${trace}_trace.txtpb" "${head}"
       "contact_types { name: \"calls\" workgroup: \"Q\" arrivals { trace { path: \"${trace}.csv\" } }\n"
       "  handle_time { constant_s: 60 } }\n"
       "contact_types { name: \"chats\" workgroup: \"Q\" arrivals { poisson { rate_per_hour: 1 } }\n"
       "  handle_time { constant_s: 60 } }\nhorizon_s: 3600\n")
  if(trace STREQUAL "dir")
    set(why "the arrival trace is not a regular file \\(a directory\\)")
  else()
    set(why "no arrivals of contact type \"calls\"")
  endif()
  expect_bounded_failure(1 "^acdsim: ${w}/${trace}_trace.txtpb:3:[0-9]+: contact_types\\[0\\]\\.arrivals\\.trace\\.path: .*${trace}.csv: ${why}"
                         run "${w}/${trace}_trace.txtpb")
endforeach()

# A horizon of 1e9 s in 1 s intervals.
file(WRITE "${w}/intervals.txtpb" "${head}${calls}horizon_s: 1e9\ninterval_s: 1\n")
expect_bounded_failure(1 "^acdsim: ${w}/intervals.txtpb:[0-9]+:[0-9]+: interval_s: horizon_s 1000000000 / interval_s 1 makes 1000000000 intervals, more than the limit of 110000\n$"
                       run "${w}/intervals.txtpb")

# A thousand shifts repeated for 3660 days.
set(shifts "")
foreach(s RANGE 0 999)
  math(EXPR start "${s} * 80")
  math(EXPR end "${start} + 60")
  string(APPEND shifts "shifts { start_s: ${start} end_s: ${end} repeat_days: 3660 }\n")
endforeach()
file(WRITE "${w}/shifts.txtpb" "${head}agent_groups { name: \"b\" count: 1 workgroups { workgroup: \"Q\" }\n"
     "${shifts}}\n${calls}horizon_s: 3600\n")
expect_bounded_failure(1 "^acdsim: ${w}/shifts.txtpb:[0-9]+:[0-9]+: agent_groups\\[1\\]\\.shifts: 3660000 shifts per agent \\(repeat_days counted\\), more than the limit of 10000\n$"
                       run "${w}/shifts.txtpb")

# A hundred groups of a million agents each.
set(groups "")
foreach(g RANGE 1 100)
  string(APPEND groups "agent_groups { name: \"g${g}\" count: 1000000 workgroups { workgroup: \"Q\" } }\n")
endforeach()
file(WRITE "${w}/agents.txtpb" "${head}${groups}${calls}horizon_s: 3600\n")
expect_bounded_failure(1 "^acdsim: ${w}/agents.txtpb:[0-9]+:[0-9]+: agent_groups\\[1\\]\\.count: 1000002 agents over all groups so far, more than the limit of 200000 agents in a scenario\n$"
                       run "${w}/agents.txtpb")

# Six million listed arrivals: written one a line the file passes the
# scenario size limit; packed they fit it and pass the arrivals limit; as a
# trace they pass the arrivals limit at its row.
string(REPEAT "times_s: 1\n" 6000000 one_a_line)
file(WRITE "${w}/listed_lines.txtpb" "${head}contact_types { name: \"calls\" workgroup: \"Q\"\n"
     "arrivals { listed { ${one_a_line} } } handle_time { constant_s: 60 } }\nhorizon_s: 3600\n")
expect_bounded_failure(1 "^acdsim: ${w}/listed_lines.txtpb: the scenario is larger than its limit of 16 MiB\n$"
                       run "${w}/listed_lines.txtpb")
# Parsing six million numbers takes about 0.8 s of CPU; on a loaded machine
# the wall clock may pass 5 s, so this one has 15 s (the CPU limit stays 5 s).
set(wall 15)
string(REPEAT "1," 5999999 packed)
file(WRITE "${w}/listed_packed.txtpb" "${head}contact_types { name: \"calls\" workgroup: \"Q\"\n"
     "arrivals { listed { times_s: [${packed}1] } } handle_time { constant_s: 60 } }\nhorizon_s: 3600\n")
expect_bounded_failure(1 "^acdsim: ${w}/listed_packed.txtpb:[0-9]+:[0-9]+: contact_types\\[0\\]\\.arrivals\\.listed\\.times_s: 6000000 listed arrivals so far, more than the limit of 5000000 in a scenario\n$"
                       run "${w}/listed_packed.txtpb")
set(wall 5)
string(REPEAT "1,calls\n" 6000000 rows)
file(WRITE "${w}/big.csv" "${rows}")
file(WRITE "${w}/big_trace.txtpb" "${head}"
     "contact_types { name: \"calls\" workgroup: \"Q\" arrivals { trace { path: \"big.csv\" } }\n"
     "  handle_time { constant_s: 60 } }\nhorizon_s: 3600\n")
expect_bounded_failure(1 "^acdsim: ${w}/big_trace.txtpb:3:[0-9]+: contact_types\\[0\\]\\.arrivals\\.trace\\.path: .*big.csv:5000001: more than 5000000 arrivals, the limit of a scenario\n$"
                       run "${w}/big_trace.txtpb")

# interval_s 0 is an error, not the default.
file(WRITE "${w}/zero_interval.txtpb" "${head}${calls}horizon_s: 3600\ninterval_s: 0\n")
expect_bounded_failure(1 "^acdsim: ${w}/zero_interval.txtpb:[0-9]+:1: interval_s: 0 must be in \\[1, 1e9\\] seconds\n$"
                       run "${w}/zero_interval.txtpb")

# A likely mistake runs, with its warning on standard error and in the JSON.
file(WRITE "${w}/short.txtpb" "${head}${calls}horizon_s: 3600\ninterval_s: 15\nreplications: 1\n")
execute_process(COMMAND "${ACDSIM}" run "${w}/short.txtpb" --json "${w}/short.json"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
set(warning "${w}/short.txtpb:[0-9]+:1: interval_s: 15 s is shorter than a minute \\(minutes meant\\?\\): 240 intervals")
if(NOT rc EQUAL 0 OR NOT err MATCHES "^acdsim: warning: ${warning}\n$")
  message(FATAL_ERROR "acdsim run short.txtpb: exit ${rc}, stderr '${err}'")
endif()
file(READ "${w}/short.json" json)
if(NOT json MATCHES "\n  \"overrides\": \\[\\],\n  \"warnings\": \\[\"${warning}\"\\],\n  \"seed\": ")
  message(FATAL_ERROR "short.json has no \"warnings\" after \"overrides\"")
endif()

# Unwritable outputs are refused before the run, on every subcommand.
file(WRITE "${w}/ok.txtpb" "${head}${calls}horizon_s: 3600\nreplications: 2\n")
set(nowhere "${w}/missing/out")
expect_bounded_failure(2 "^acdsim: ${nowhere}: cannot write the golden: No such file or directory\n$"
                       check "${w}/ok.txtpb" --golden "${nowhere}" --update)
expect_bounded_failure(2 "^acdsim: ${nowhere}: cannot write the JSON: No such file or directory\n$"
                       compare "${w}/ok.txtpb" --set-b "agent_groups[a].count=3" --json "${nowhere}")

# acdsim report reads its document through the same checks, and renders a
# report that has warnings.
expect_bounded_failure(1 "^acdsim: /dev/zero: the document is not a regular file \\(a character device\\)\n$"
                       report /dev/zero -o "${w}/page.html")
expect_bounded_failure(1 "^acdsim: ${w}: the document is not a regular file \\(a directory\\)\n$"
                       report "${w}" -o "${w}/page.html")
execute_process(COMMAND "${ACDSIM}" report "${w}/short.json" -o "${w}/short.html"
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS "${w}/short.html")
  message(FATAL_ERROR "acdsim report short.json: exit ${rc}: ${err}")
endif()
