# What-if overrides (--set PATH=VALUE): applied before validation, echoed in
# the table, the JSON and the partial results (so merge echoes them), left
# out of the CSV files; the fingerprint follows them, so parts run with other
# overrides do not merge; bad overrides are one-line errors naming the
# override and the failing path component.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(w "${WORK_DIR}")
set(sets --set horizon_s=7200 --set "agent_groups[agent].count=50")

# The table's "Overrides:" line, the JSON's "overrides" right after "scenario".
execute_process(COMMAND "${ACDSIM}" run ${sets} --replications 3 --json "${w}/set.json"
                        --csv "${w}/csv"
                RESULT_VARIABLE rc OUTPUT_VARIABLE table ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT table MATCHES
   "^Scenario: [^\n]*\nOverrides: horizon_s=7200, agent_groups\\[agent\\]\\.count=50\n3 replications")
  message(FATAL_ERROR "run --set: exit ${rc}, table:\n${table}${err}")
endif()
file(READ "${w}/set.json" json)
if(NOT json MATCHES "\n  \"scenario\": \"[^\n]*\",\n  \"overrides\": \\[\"horizon_s=7200\", \"agent_groups\\[agent\\]\\.count=50\"\\],\n  \"seed\"")
  message(FATAL_ERROR "no overrides after the scenario in the JSON:\n${json}")
endif()
if(NOT json MATCHES "\"horizon_s\": 7200,")
  message(FATAL_ERROR "horizon_s=7200 was not applied:\n${json}")
endif()
# The CSV files stay plain CSV: a header row first, no comment lines.
file(STRINGS "${w}/csv/intervals.csv" csv_lines LIMIT_COUNT 1)
if(NOT csv_lines MATCHES "^workgroup,start_s,")
  message(FATAL_ERROR "intervals.csv does not start with its header: ${csv_lines}")
endif()
# Without overrides, an empty list and no table line.
execute_process(COMMAND "${ACDSIM}" run --replications 2 --json -
                RESULT_VARIABLE rc OUTPUT_VARIABLE plain ERROR_VARIABLE plain_table)
if(NOT plain MATCHES "\"overrides\": \\[\\],\n" OR plain_table MATCHES "Overrides:")
  message(FATAL_ERROR "a run without --set should echo [] and no Overrides line:\n${plain}")
endif()

# Parts run with the same overrides merge and echo them; parts with other
# overrides are another scenario (the fingerprint is taken after them), and
# the same change spelled otherwise is refused by the list of overrides.
run_acdsim(run ${sets} --replications 4 --replication-range 0:2 --partial "${w}/a.pb")
run_acdsim(run ${sets} --replications 4 --replication-range 2:4 --partial "${w}/b.pb")
run_acdsim(run ${sets} --replications 4 --json "${w}/one.json")
run_acdsim(merge "${w}/a.pb" "${w}/b.pb" --json "${w}/merged.json")
expect_same_files("${w}/one.json" "${w}/merged.json")
run_acdsim(run --set horizon_s=7200 --set "agent_groups[agent].count=51" --replications 4
           --replication-range 2:4 --partial "${w}/other.pb")
expect_failure(1 "^acdsim: ${w}/other.pb: another scenario: \"default: [^\"]*\" \\(fnv1a64:[0-9a-f]+\\) is not \"default: [^\"]*\" \\(fnv1a64:[0-9a-f]+\\)"
               merge "${w}/a.pb" "${w}/other.pb")
run_acdsim(run --set horizon_s=7200 --set "agent_groups[0].count=50" --replications 4
           --replication-range 2:4 --partial "${w}/spelled.pb")
expect_failure(1 "^acdsim: ${w}/spelled.pb: run with the overrides \\[horizon_s=7200, agent_groups\\[0\\]\\.count=50\\], not \\[horizon_s=7200, agent_groups\\[agent\\]\\.count=50\\]"
               merge "${w}/a.pb" "${w}/spelled.pb")

# Errors: one line, exit 1, naming the override and the failing component.
expect_failure(1 "^acdsim: --set 'agent_groups\\[es\\]\\.count=25': agent_groups\\[es\\]: no agent_groups element has name \"es\" \\(there are: \"agent\"\\)\n$"
               run --set "agent_groups[es].count=25")
expect_failure(1 "^acdsim: --set 'agent_groups\\[1\\]\\.count=25': agent_groups\\[1\\]: index 1 is out of range: agent_groups has 1 element \\(0\\.\\.0\\)\n$"
               run --set "agent_groups[1].count=25")
expect_failure(1 "^acdsim: --set 'horizon=1': horizon: acd\\.proto\\.Scenario has no field 'horizon'"
               run --set horizon=1)
expect_failure(1 "^acdsim: --set 'agent_groups\\[agent\\]\\.count=lots': agent_groups\\[agent\\]\\.count: 'lots' is not a whole number"
               run --set "agent_groups[agent].count=lots")
expect_failure(1 "^acdsim: --set 'contact_types\\[Calls\\]\\.patience=1': contact_types\\[Calls\\]\\.patience: a message \\(Distribution\\), not a value"
               run --set "contact_types[Calls].patience=1")
expect_failure(1 "^acdsim: --set 'horizon_s': not PATH=VALUE"
               run --set horizon_s)
# A valid override that makes the scenario invalid gets the loader's error.
expect_failure(1 "^acdsim: scenarios/default\\.txtpb:[0-9]+:[0-9]+: agent_groups\\[0\\]\\.count: 0 is outside 1\\.\\.1000000\n$"
               run --set "agent_groups[agent].count=0")
expect_failure(2 "^acdsim: --set needs a value"
               run --set)
