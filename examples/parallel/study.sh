#!/usr/bin/env bash
# A simulation study cut into shards that GNU parallel runs side by side,
# then merged into the study's report.
#
#   examples/parallel/study.sh SCENARIO REPLICATIONS SHARDS OUT_DIR
#
# Shard K of SHARDS runs replications floor(K*R/N) to floor((K+1)*R/N)-1 and
# writes OUT_DIR/parts/part-K.pb; `acdsim merge` then writes
# OUT_DIR/study.json and OUT_DIR/csv/, byte for byte what one run of all
# REPLICATIONS would write, and prints the table. Each shard's own table and
# progress lines land in OUT_DIR/logs/. Environment: ACDSIM, the acdsim
# program (default: acdsim on PATH); JOBS, shards at once (default: one per
# core; parallel's --sshlogin spreads them over machines that see the same
# files).
set -euo pipefail
if [ $# -ne 4 ]; then
  sed -n '4p' "$0" | sed 's/^# *//' >&2
  exit 2
fi
scenario=$1 replications=$2 shards=$3 out=$4
acdsim=${ACDSIM:-acdsim}
mkdir -p "$out/parts" "$out/logs"

seq 0 $((shards - 1)) |
  parallel --will-cite --jobs "${JOBS:-100%}" --halt now,fail=1 --results "$out/logs/shard-{}" \
    "$acdsim" run "$scenario" --replications "$replications" --shard "{}/$shards" \
    --partial "$out/parts/part-{}.pb" --progress always

"$acdsim" merge "$out"/parts/part-*.pb --json "$out/study.json" --csv "$out/csv"
