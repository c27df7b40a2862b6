#!/usr/bin/env bash
# Simulated calls per second on the Erlang A system A2: acd's simulator
# (BM_Sim_A2, through the full engine) against a SimPy model of the same
# system (bench/simpy_a2.py) and against the bare specialised C++ loop
# (BM_Bare_A2, bench/bare_loop.h), measured in one run. BM_Sim_A2 and
# BM_Bare_A2 run in one acd_bench invocation, their repetitions interleaved
# in random order so that the machine's load falls on both alike; the medians
# are compared. The bare loop is what acd's calls per second are a fraction
# of: bench/bare_loop.h lists what it does not do that the engine does.
#
#   bench/compare_simpy.sh [BUILD_DIR]     (default: build)
#   ACD_BENCH_REPETITIONS=N                 repetitions of each (default 5)
#
# Needs a build with benchmarks (./dev run or ./dev test makes one) and
# Debian's python3-simpy, which it installs if missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build}
# Debian's own interpreter, which is where python3-simpy installs.
py=/usr/bin/python3
[ -x "$py" ] || py=python3

if ! "$py" -c "import SimPy.Simulation" 2>/dev/null; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq python3-simpy >/dev/null
fi

acd_json=$("$build/bench/acd_bench" --benchmark_filter='BM_(Sim|Bare)_A2$' \
           --benchmark_repetitions="${ACD_BENCH_REPETITIONS:-5}" \
           --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true \
           --benchmark_format=json 2>/dev/null)
simpy_json=$("$py" bench/simpy_a2.py 200000)

"$py" - "$acd_json" "$simpy_json" <<'PY'
import json, sys
medians = {b["run_name"]: b for b in json.loads(sys.argv[1])["benchmarks"]
           if b.get("aggregate_name") == "median"}
acd, bare = medians["BM_Sim_A2"], medians["BM_Bare_A2"]
simpy = json.loads(sys.argv[2])
print(f"acd (full engine):  {acd['calls_per_s']:>12,.0f} calls/s  {acd['events_per_s']:>12,.0f} events/s")
print(f"bare C++ loop:      {bare['calls_per_s']:>12,.0f} calls/s  {bare['events_per_s']:>12,.0f} events/s"
      f"  (abandon rate {bare['abandon_fraction']:.4f})")
print(f"SimPy model:        {simpy['calls_per_s']:>12,.0f} calls/s  (abandon rate {simpy['abandon_rate']:.4f})")
print(f"acd / SimPy:        {acd['calls_per_s'] / simpy['calls_per_s']:>12.1f}x")
print(f"acd / bare loop:    {acd['calls_per_s'] / bare['calls_per_s']:>12.1%}   (medians of interleaved repetitions)")
PY
