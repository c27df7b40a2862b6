#!/usr/bin/env bash
# Simulated calls per second on the Erlang A system A2: acd's simulator
# (BM_Sim_A2, through the full engine) against a SimPy model of the same
# system (bench/simpy_a2.py), measured one after the other in one run.
#
#   bench/compare_simpy.sh [BUILD_DIR]     (default: build)
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

acd_json=$("$build/bench/acd_bench" --benchmark_filter='BM_Sim_A2$' --benchmark_format=json \
           2>/dev/null)
simpy_json=$("$py" bench/simpy_a2.py 200000)

"$py" - "$acd_json" "$simpy_json" <<'PY'
import json, sys
acd = json.loads(sys.argv[1])["benchmarks"][0]
simpy = json.loads(sys.argv[2])
print(f"acd (full engine):  {acd['calls_per_s']:>12,.0f} calls/s  {acd['events_per_s']:>12,.0f} events/s")
print(f"SimPy model:        {simpy['calls_per_s']:>12,.0f} calls/s  (abandon rate {simpy['abandon_rate']:.4f})")
print(f"ratio:              {acd['calls_per_s'] / simpy['calls_per_s']:>12.1f}x")
PY
