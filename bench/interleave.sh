#!/usr/bin/env bash
# interleave.sh BASE_BENCH NEW_BENCH [FILTER] [ROUNDS]
#
# Runs the benchmarks matching FILTER from two acd_bench binaries (say a
# build of the previous main and one of this change) in alternation, ROUNDS
# times each, so that both see the same load on a noisy machine; then prints
# per benchmark the median real time of each side over the rounds and the
# ratio new/base (below 1 is faster), and the same for every counter ending
# in _per_s (above 1 is faster) or _ns (below 1 is faster).
#
#   bench/interleave.sh ../base/build/bench/acd_bench build/bench/acd_bench \
#     'BM_Routing_Arrival_10kAgents|BM_Sim_A2$' 7
set -euo pipefail
if [ $# -lt 2 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
base=$1 new=$2 filter=${3:-.} rounds=${4:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ((r = 0; r < rounds; ++r)); do
  for side in base new; do
    bin=$base
    [ "$side" = new ] && bin=$new
    "$bin" --benchmark_filter="$filter" --benchmark_format=json > "$out/$side-$r.json" 2>/dev/null
  done
done
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
runs = {"base": {}, "new": {}}
for side in runs:
    for r in range(rounds):
        for b in json.load(open(f"{out}/{side}-{r}.json"))["benchmarks"]:
            runs[side].setdefault(b["name"], []).append(b)
print(f"{rounds} rounds, alternating base and new; medians over the rounds")
for name, base_runs in runs["base"].items():
    new_runs = runs["new"].get(name)
    if not new_runs:
        continue
    unit = base_runs[0].get("time_unit", "ns")
    b = statistics.median(x["real_time"] for x in base_runs)
    n = statistics.median(x["real_time"] for x in new_runs)
    print(f"{name:50s} real time {b:12.1f} -> {n:12.1f} {unit}  new/base {n / b:6.3f}")
    for key in sorted(k for k in base_runs[0] if k.endswith(("_per_s", "_ns"))):
        b = statistics.median(x[key] for x in base_runs)
        n = statistics.median(x[key] for x in new_runs)
        print(f"{'':34s} {key:26s} {b:14,.0f} -> {n:14,.0f}       new/base {n / b:6.3f}")
PY
