#!/usr/bin/env bash
# Submits a simulation study to Slurm: a job array with one shard per task,
# and a merge job that runs once every task has succeeded.
#
#   examples/slurm/submit.sh SCENARIO REPLICATIONS SHARDS RESULTS_DIR
#
# RESULTS_DIR (on a file system every node sees) receives shard-K.log and
# part-K.pb per task, then merge.log, study.json and csv/. Prints the two job
# ids: "<array job> <merge job>". ACDSIM names the acdsim program on the
# nodes (default: acdsim on PATH; a relative path is made absolute).
set -euo pipefail
if [ $# -ne 4 ]; then
  sed -n '5p' "$0" | sed 's/^# *//' >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ ${ACDSIM:-} == */* ]]; then export ACDSIM=$(realpath "$ACDSIM"); fi
export SCENARIO=$(realpath "$1") REPLICATIONS=$2
shards=$3
mkdir -p "$4"
results=$(realpath "$4")

array=$(sbatch --parsable --array="0-$((shards - 1))" --chdir="$results" "$here/study.sbatch")
merge=$(sbatch --parsable --dependency="afterok:${array%%;*}" --chdir="$results" \
  "$here/merge.sbatch")
echo "${array%%;*} ${merge%%;*}"
