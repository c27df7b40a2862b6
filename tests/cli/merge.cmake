# A study of full_day run as three uneven parts by hand and merged gives the
# same JSON and CSV as one run, byte for byte; parts that do not fit are
# refused with one line naming the file.

include("${CMAKE_CURRENT_LIST_DIR}/expect.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(full_day "${SOURCE_DIR}/scenarios/full_day.txtpb")
set(w "${WORK_DIR}")

run_acdsim(run "${full_day}" --replications 10 --threads 2 --json "${w}/one.json" --csv "${w}/one")
run_acdsim(run "${full_day}" --replications 10 --replication-range 0:1 --partial "${w}/a.pb")
run_acdsim(run "${full_day}" --replications 10 --replication-range 1:7 --threads 2
           --partial "${w}/b.pb")
run_acdsim(run "${full_day}" --replications 10 --replication-range 7:10 --partial "${w}/c.pb")
run_acdsim(merge "${w}/c.pb" "${w}/a.pb" "${w}/b.pb" --json "${w}/merged.json" --csv "${w}/merged")
expect_same_files("${w}/one.json" "${w}/merged.json")
foreach(csv intervals.csv contact_type_intervals.csv total_intervals.csv
        agent_group_intervals.csv)
  expect_same_files("${w}/one/${csv}" "${w}/merged/${csv}")
endforeach()

# The same for planning_day: clock times, service-level thresholds per
# contact type, busyness, balking and the agent-group slice survive the
# partial results.
set(planning "${SOURCE_DIR}/scenarios/planning_day.txtpb")
run_acdsim(run "${planning}" --replications 6 --threads 2 --json "${w}/day.json" --csv "${w}/day")
run_acdsim(run "${planning}" --replications 6 --replication-range 0:2 --partial "${w}/d1.pb")
run_acdsim(run "${planning}" --replications 6 --replication-range 2:6 --partial "${w}/d2.pb")
run_acdsim(merge "${w}/d2.pb" "${w}/d1.pb" --json "${w}/day-merged.json" --csv "${w}/day-merged")
expect_same_files("${w}/day.json" "${w}/day-merged.json")
foreach(csv intervals.csv contact_type_intervals.csv total_intervals.csv
        agent_group_intervals.csv)
  expect_same_files("${w}/day/${csv}" "${w}/day-merged/${csv}")
endforeach()

# Missing replications, listed.
expect_failure(1 "^acdsim: replications 1\\.\\.6 of 0\\.\\.9 are missing: no part has them\n$"
               merge "${w}/a.pb" "${w}/c.pb")
# Overlapping and duplicate parts.
run_acdsim(run "${full_day}" --replications 10 --replication-range 5:8 --partial "${w}/overlap.pb")
expect_failure(1 "^acdsim: ${w}/overlap.pb: replications 5\\.\\.7 overlap ${w}/b.pb's 1\\.\\.6\n$"
               merge "${w}/a.pb" "${w}/b.pb" "${w}/overlap.pb" "${w}/c.pb")
file(COPY_FILE "${w}/c.pb" "${w}/c-again.pb")
expect_failure(1 "^acdsim: ${w}/c-again.pb: replications 7\\.\\.9 again: a duplicate of ${w}/c.pb\n$"
               merge "${w}/a.pb" "${w}/b.pb" "${w}/c.pb" "${w}/c-again.pb")
# A part of another scenario, seed or study size.
run_acdsim(run --replications 10 --replication-range 7:10 --partial "${w}/other.pb")
expect_failure(1 "^acdsim: ${w}/other.pb: another scenario: \"default: [^\"]*\" \\(fnv1a64:[0-9a-f]+\\) is not \"full day, mid-size center\""
               merge "${w}/a.pb" "${w}/b.pb" "${w}/other.pb")
run_acdsim(run "${full_day}" --replications 10 --seed 99 --replication-range 7:10
           --partial "${w}/seed.pb")
expect_failure(1 "^acdsim: ${w}/seed.pb: seed 99 is not the first part's 12345"
               merge "${w}/a.pb" "${w}/b.pb" "${w}/seed.pb")
run_acdsim(run "${full_day}" --replications 11 --replication-range 7:11 --partial "${w}/size.pb")
expect_failure(1 "^acdsim: ${w}/size.pb: part of a study of 11 replications, not of 10"
               merge "${w}/a.pb" "${w}/b.pb" "${w}/size.pb")
# A truncated part, a corrupted byte, another format version, not a part.
execute_process(COMMAND head -c 5000 "${w}/c.pb" OUTPUT_FILE "${w}/truncated.pb")
expect_failure(1 "^acdsim: ${w}/truncated.pb: damaged partial result: truncated or corrupted"
               merge "${w}/a.pb" "${w}/b.pb" "${w}/truncated.pb")
file(COPY_FILE "${w}/c.pb" "${w}/corrupted.pb")
execute_process(COMMAND sh -c "printf '\\377' | dd of='${w}/corrupted.pb' bs=1 seek=4000 conv=notrunc 2>/dev/null")
expect_failure(1 "^acdsim: ${w}/corrupted.pb: damaged partial result: truncated or corrupted \\(its checksum does not match\\)\n$"
               merge "${w}/a.pb" "${w}/b.pb" "${w}/corrupted.pb")
file(COPY_FILE "${w}/c.pb" "${w}/version.pb")
# Byte 24 is the format version (after the 23 bytes of the magic field).
execute_process(COMMAND sh -c "printf '\\002' | dd of='${w}/version.pb' bs=1 seek=24 conv=notrunc 2>/dev/null")
expect_failure(1 "^acdsim: ${w}/version.pb: partial result format version 2; this acdsim reads version 1\n$"
               merge "${w}/a.pb" "${w}/b.pb" "${w}/version.pb")
expect_failure(1 "^acdsim: ${w}/one.json: not an acdsim partial result\n$"
               merge "${w}/a.pb" "${w}/one.json")
expect_failure(1 "^acdsim: ${w}/none.pb: cannot open the partial result: No such file or directory\n$" merge "${w}/a.pb" "${w}/none.pb")
expect_failure(2 "^acdsim: missing PARTS" merge)
# The outputs are checked before any part is read.
expect_failure(1 "^acdsim: ${w}/one.json/x: cannot write the JSON report" merge "${w}/none.pb"
               --json "${w}/one.json/x")
