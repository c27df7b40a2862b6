# Helpers for the command-line tests (cmake -P scripts run by ctest).

# expect_failure(<expected exit code> <regex the single stderr line must match> <args...>)
# Runs acdsim with <args>; its standard output is left in `failure_stdout`.
function(expect_failure code pattern)
  execute_process(COMMAND "${ACDSIM}" ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL code)
    message(FATAL_ERROR "acdsim ${ARGN}: exit ${rc}, expected ${code}; stderr: ${err}")
  endif()
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines lines)
  if(NOT lines EQUAL 1)
    message(FATAL_ERROR "acdsim ${ARGN}: expected one line on stderr, got ${lines}: ${err}")
  endif()
  if(NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "acdsim ${ARGN}: stderr '${err}' does not match '${pattern}'")
  endif()
  set(failure_stdout "${out}" PARENT_SCOPE)
endfunction()

# run_acdsim(<args>...): runs acdsim, failing the test unless it succeeds.
function(run_acdsim)
  execute_process(COMMAND "${ACDSIM}" ${ARGN} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "acdsim ${ARGN}: exit ${rc}: ${err}")
  endif()
endfunction()

# expect_same_files(<a> <b>): fails unless the two files are byte-identical.
function(expect_same_files a b)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${a}" "${b}" RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    message(FATAL_ERROR "${a} and ${b} differ")
  endif()
endfunction()
