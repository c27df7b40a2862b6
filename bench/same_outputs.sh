#!/usr/bin/env bash
# same_outputs.sh BASE_ACDSIM NEW_ACDSIM [SEED] [REPLICATIONS]
#
# For a change that must not alter behaviour (a restructuring, a speed-up):
# runs every shipped scenario (scenarios/*.txtpb and scenarios/variants/)
# with both acdsim binaries, the same seed and replications, and compares
# their JSON reports and CSV tables byte for byte. Prints one line per
# scenario and exits 1 if any output differs (with the first differing
# lines shown), 0 if all are identical.
#
# Example, against a build of the previous main in another checkout:
#   bench/same_outputs.sh ../base/build/sim/acdsim build/sim/acdsim 20261207 5
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
# The binaries as given, before moving to the checkout's root.
base=$(realpath "$1") new=$(realpath "$2") seed=${3:-20261207} replications=${4:-5}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

differ=0
for scenario in scenarios/*.txtpb scenarios/variants/*.txtpb; do
  name=$(basename "$scenario" .txtpb)
  for side in base new; do
    bin=$base
    [ "$side" = new ] && bin=$new
    mkdir -p "$out/$side/$name"
    if ! "$bin" run "$scenario" --seed "$seed" --replications "$replications" \
      --json "$out/$side/$name/result.json" --csv "$out/$side/$name/csv" \
      > "$out/$side/$name/table.txt" 2> "$out/$side/$name/stderr.txt"; then
      echo "FAILED     $name ($side: $bin)"
      cat "$out/$side/$name/stderr.txt"
      exit 1
    fi
  done
  if diff -r "$out/base/$name" "$out/new/$name" > "$out/diff.txt"; then
    echo "identical  $name ($(wc -c < "$out/new/$name/result.json") bytes of JSON)"
  else
    echo "DIFFERENT  $name"
    head -20 "$out/diff.txt"
    differ=1
  fi
done
exit "$differ"
