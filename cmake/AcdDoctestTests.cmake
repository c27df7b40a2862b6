# cmake/AcdDoctestTests.cmake: registers every doctest TEST_CASE of one test
# executable with ctest, one ctest test per case (run by tests/CMakeLists.txt
# after each build of the executable, in script mode).
#
# Why not doctest's own discovery: it splits the list of case names into a
# CMake list, so a name holding ';' became two ctest tests that each ran 0
# cases and passed. Here names are read line by line as plain strings, and
# each registered test carries a guard: it fails unless its filter ran
# exactly one test case (a name that matches no case, or a wildcard that
# matches several, is a failure, never a silent pass).
#
# Input (-D): TEST_EXECUTABLE, TEST_WORKING_DIR, TEST_ENVIRONMENT,
# TEST_LABELS (a list), CTEST_FILE (the file to write).

execute_process(
  COMMAND "${TEST_EXECUTABLE}" --list-test-cases --no-version
  OUTPUT_VARIABLE output
  RESULT_VARIABLE result
  WORKING_DIRECTORY "${TEST_WORKING_DIR}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} --list-test-cases failed (${result}):\n${output}")
endif()

# doctest's summary line; zero or several cases run is an error.
set(guard [==[test cases: +0 \|;test cases: +([2-9]|[1-9][0-9]+) \|]==])
set(script "")
set(names "\n")
set(count 0)
# Never turn `output` into a list: a name may hold ';'.
while(NOT output STREQUAL "")
  string(FIND "${output}" "\n" end)
  if(end EQUAL -1)
    set(line "${output}")
    set(output "")
  else()
    string(SUBSTRING "${output}" 0 ${end} line)
    math(EXPR next "${end} + 1")
    string(SUBSTRING "${output}" ${next} -1 output)
  endif()
  string(REGEX REPLACE "\r$" "" line "${line}")
  if("${line}" STREQUAL "" OR "${line}" MATCHES "^\\[doctest\\] " OR "${line}" MATCHES "^=+$")
    continue()
  endif()
  if("${line}" MATCHES "\\]==\\]")
    message(FATAL_ERROR "${TEST_EXECUTABLE}: test case \"${line}\": a name may not hold ]==]")
  endif()
  string(FIND "${names}" "\n${line}\n" seen)
  if(NOT seen EQUAL -1)
    message(FATAL_ERROR "${TEST_EXECUTABLE}: two test cases are named \"${line}\"")
  endif()
  string(APPEND names "${line}\n")
  # doctest's --test-case splits at ',' unless escaped, and unescapes '\'.
  string(REPLACE "\\" "\\\\" filter "${line}")
  string(REPLACE "," "\\," filter "${filter}")
  string(APPEND script
    "add_test([==[${line}]==] \"${TEST_EXECUTABLE}\" [==[--test-case=${filter}]==])\n"
    "set_tests_properties([==[${line}]==] PROPERTIES\n"
    "  WORKING_DIRECTORY \"${TEST_WORKING_DIR}\"\n"
    "  ENVIRONMENT [==[${TEST_ENVIRONMENT}]==]\n"
    "  LABELS [==[${TEST_LABELS}]==]\n"
    "  FAIL_REGULAR_EXPRESSION [==[${guard}]==])\n")
  math(EXPR count "${count} + 1")
endwhile()
if(count EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE}: no test cases to register")
endif()
file(WRITE "${CTEST_FILE}" "${script}")
