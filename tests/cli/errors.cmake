# Bad input ends acdsim with one clear line on stderr and a non-zero exit.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")

file(MAKE_DIRECTORY "${WORK_DIR}")
expect_failure(1 "^acdsim: ${WORK_DIR}/missing.txtpb: cannot open the scenario: No such file or directory" run "${WORK_DIR}/missing.txtpb")

file(WRITE "${WORK_DIR}/syntax.txtpb" "horizon_s: 100\ncenter {\n  workgroups { name: \"Q\" \n")
expect_failure(1 "^acdsim: ${WORK_DIR}/syntax.txtpb:4:1: " run "${WORK_DIR}/syntax.txtpb")

file(WRITE "${WORK_DIR}/unknown.txtpb" "horizon_s: 100\nhorizon_hours: 3\n")
expect_failure(1 "^acdsim: ${WORK_DIR}/unknown.txtpb:2:[0-9]+: .*horizon_hours" run "${WORK_DIR}/unknown.txtpb")

file(READ "${SOURCE_DIR}/scenarios/default.txtpb" scenario)
string(REPLACE "rate_per_hour: 720" "rate_per_hour: -720" negative "${scenario}")
file(WRITE "${WORK_DIR}/negative.txtpb" "${negative}")
expect_failure(1 "^acdsim: ${WORK_DIR}/negative.txtpb:[0-9]+:[0-9]+: contact_types\\[0\\]\\.arrivals\\.poisson\\.rate_per_hour: "
               run "${WORK_DIR}/negative.txtpb")

expect_failure(2 "^acdsim: unknown flag '--speed'" run --speed 3)
expect_failure(2 "^acdsim: --replications: 'many' is not a count" run --replications many)
expect_failure(2 "^acdsim: unknown command 'walk'" walk)

execute_process(COMMAND "${ACDSIM}" --help RESULT_VARIABLE rc OUTPUT_VARIABLE out)
foreach(flag --replications --seed --threads --json --csv --trace SCENARIO)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "${flag}")
    message(FATAL_ERROR "acdsim --help (exit ${rc}) does not explain ${flag}")
  endif()
endforeach()
