# `acdsim run` with no scenario runs the shipped default and prints its table.
execute_process(COMMAND "${ACDSIM}" run --replications 3 RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "acdsim run exited ${rc}: ${err}")
endif()
foreach(text "Scenario: default" "Support" "offered" "answered" "abandoned" "P\\(wait > 0\\)"
        "SL \\(answered\\)" "SL \\(offered\\)" "ASA \\(s\\)" "occupancy" "±")
  if(NOT out MATCHES "${text}")
    message(FATAL_ERROR "the default run's table lacks '${text}':\n${out}")
  endif()
endforeach()
