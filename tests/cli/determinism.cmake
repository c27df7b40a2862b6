# Two separate acdsim processes on the same scenario and seed write
# byte-identical JSON; another seed writes different JSON.
file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(run a b)
  execute_process(COMMAND "${ACDSIM}" run --replications 4 --seed 777 --json "${WORK_DIR}/${run}.json"
                  RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "acdsim run ${run} exited ${rc}")
  endif()
endforeach()
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/a.json" "${WORK_DIR}/b.json"
                RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "two runs with the same seed wrote different JSON")
endif()
execute_process(COMMAND "${ACDSIM}" run --replications 4 --seed 778 --json "${WORK_DIR}/c.json"
                RESULT_VARIABLE rc OUTPUT_QUIET)
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/a.json" "${WORK_DIR}/c.json"
                RESULT_VARIABLE same)
if(same EQUAL 0)
  message(FATAL_ERROR "runs with different seeds wrote the same JSON")
endif()
# Any thread count, same bytes.
execute_process(COMMAND "${ACDSIM}" run --replications 4 --seed 777 --threads 3
                        --json "${WORK_DIR}/threads.json"
                RESULT_VARIABLE rc OUTPUT_QUIET)
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/a.json"
                        "${WORK_DIR}/threads.json"
                RESULT_VARIABLE same)
if(NOT rc EQUAL 0 OR NOT same EQUAL 0)
  message(FATAL_ERROR "three threads wrote different JSON from one (exit ${rc})")
endif()
file(READ "${WORK_DIR}/a.json" json)
foreach(key offered answered abandoned p_wait asa_s service_level_ans service_level_off occupancy)
  if(NOT json MATCHES "\"${key}\": {\"mean\": [0-9.e+-]+, \"ci95\": [0-9.e+-]+}")
    message(FATAL_ERROR "JSON lacks key ${key} as {\"mean\": x, \"ci95\": h}")
  endif()
endforeach()
if(NOT json MATCHES "\"workgroups\": {\n    \"Support\": {")
  message(FATAL_ERROR "JSON lacks workgroups.Support")
endif()
