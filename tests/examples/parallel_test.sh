#!/usr/bin/env bash
# examples/parallel/study.sh shards full_day into 8 parts with GNU parallel
# and merges them: the JSON and CSV are byte-identical to one run's.
#
#   parallel_test.sh ACDSIM SOURCE_DIR WORK_DIR
set -euo pipefail
export ACDSIM=$(realpath "$1")
source_dir=$(realpath "$2") work=$3
source "$source_dir/tests/examples/compare.sh"
command -v parallel > /dev/null || { echo "GNU parallel (Debian package parallel) is missing"; exit 1; }
rm -rf "$work"
mkdir -p "$work"
"$source_dir/examples/parallel/study.sh" "$source_dir/scenarios/full_day.txtpb" 16 8 "$work"
ls "$work/parts"
[ "$(ls "$work"/parts/part-*.pb | wc -l)" -eq 8 ]
compare_with_one_run "$work" "$source_dir/scenarios/full_day.txtpb" 16
