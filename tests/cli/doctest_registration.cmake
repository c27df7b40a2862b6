# Test cases are registered with ctest by cmake/AcdDoctestTests.cmake: a name
# holding ';' stays one test that runs its case, and a registered test whose
# filter runs no case (or several) fails instead of passing empty.
# -DREGISTER=cmake/AcdDoctestTests.cmake -DTEST_EXE=<a doctest executable
# with a case named "...; in it, ..."> -DWORK_DIR=<scratch dir>
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -D "TEST_EXECUTABLE=${TEST_EXE}" -D "TEST_WORKING_DIR=${WORK_DIR}"
          -D "TEST_ENVIRONMENT=" -D "TEST_LABELS=" -D "CTEST_FILE=${WORK_DIR}/tests.cmake"
          -P "${REGISTER}"
  RESULT_VARIABLE result ERROR_VARIABLE error)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "registering ${TEST_EXE} failed: ${error}")
endif()
set(name "corruption before the last record fails recovery naming the offset; in it, cuts it")
file(READ "${WORK_DIR}/tests.cmake" registered)
string(FIND "${registered}" "add_test([==[${name}]==]" at)
if(at EQUAL -1)
  message(FATAL_ERROR "\"${name}\" is not registered whole")
endif()
# A CTestTestfile with the real tests and two that match no case / several.
file(WRITE "${WORK_DIR}/CTestTestfile.cmake"
  "include(\"${WORK_DIR}/tests.cmake\")\n"
  "add_test([==[no such case; none]==] \"${TEST_EXE}\" [==[--test-case=no such case; none]==])\n"
  "set_tests_properties([==[no such case; none]==] PROPERTIES FAIL_REGULAR_EXPRESSION\n"
  "  [==[test cases: +0 \\|;test cases: +([2-9]|[1-9][0-9]+) \\|]==])\n")
execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" -R "in it, cuts it" -V
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0 OR NOT out MATCHES "test cases: +1 \\| +1 passed")
  message(FATAL_ERROR "the case with ';' did not run exactly once:\n${out}")
endif()
execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" -R "no such case"
                WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(result EQUAL 0 OR NOT out MATCHES "0% tests passed, 1 tests failed")
  message(FATAL_ERROR "a registered name that matches no case passed:\n${out}")
endif()
