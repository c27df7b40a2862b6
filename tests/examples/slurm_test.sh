#!/usr/bin/env bash
# examples/slurm/ on a real single-node Slurm: starts munged, slurmctld and
# slurmd from Debian's packages with a generated configuration in a temporary
# directory (own ports, own munge key and socket), submits the study's job
# array and its dependent merge job with examples/slurm/submit.sh, waits, and
# compares the merged JSON and CSV with one run's, byte for byte. Stops the
# daemons it started.
#
#   slurm_test.sh ACDSIM SOURCE_DIR WORK_DIR
#
# Exit 77 (reported as skipped by ctest), with the reason, when the daemons
# cannot be started here; a study that runs but gives other bytes fails.
set -euo pipefail
export ACDSIM=$(realpath "$1")
source_dir=$(realpath "$2") work=$3
source "$source_dir/tests/examples/compare.sh"

skip() {
  echo "SKIPPED: $*"
  exit 77
}
for program in munged slurmctld slurmd sbatch squeue sinfo scontrol; do
  command -v "$program" > /dev/null ||
    skip "$program is not installed (Debian packages slurm-wlm and munge)"
done
[ "$(id -u)" -eq 0 ] || skip "slurmd must run as root to start jobs, and this test runs as $(id -un)"

rm -rf "$work"
mkdir -p "$work"
work=$(realpath "$work")
# Short paths: munge's socket path must fit in a sockaddr_un.
run_dir=$(mktemp -d /tmp/acd-slurm.XXXXXX)
chmod 700 "$run_dir"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
  done
  rm -rf "$run_dir"
}
trap cleanup EXIT
# The daemon's pid from its pid file, once it has written it.
started() {
  local file=$1 what=$2 log=$3
  for _ in $(seq 100); do
    if [ -s "$file" ]; then
      pids+=("$(cat "$file")")
      return 0
    fi
    sleep 0.1
  done
  skip "$what did not start: $(tail -n 5 "$log" 2> /dev/null | tr '\n' ' ')"
}
# A TCP port nothing listens on.
free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      echo "$port"
      return
    fi
  done
  skip "no free TCP port found"
}

# munge: its own key, socket and files.
mkdir -m 700 "$run_dir/munge"
head -c 1024 /dev/urandom > "$run_dir/munge/munge.key"
chmod 400 "$run_dir/munge/munge.key"
munged --force --key-file="$run_dir/munge/munge.key" --socket="$run_dir/munge/socket" \
  --pid-file="$run_dir/munge/munged.pid" --log-file="$run_dir/munge/munged.log" \
  --seed-file="$run_dir/munge/munged.seed" ||
  skip "munged did not start: $(tail -n 3 "$run_dir/munge/munged.log" 2> /dev/null | tr '\n' ' ')"
started "$run_dir/munge/munged.pid" munged "$run_dir/munge/munged.log"

# Slurm: one node (this machine) in one partition, no cgroups, no accounting.
host=$(hostname -s)
mkdir -p "$run_dir/state" "$run_dir/spool" "$run_dir/log"
cat > "$run_dir/slurm.conf" << CONF
ClusterName=acdtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$run_dir/munge/socket
CredType=cred/munge
StateSaveLocation=$run_dir/state
SlurmdSpoolDir=$run_dir/spool
SlurmctldPidFile=$run_dir/slurmctld.pid
SlurmdPidFile=$run_dir/slurmd.pid
SlurmctldLogFile=$run_dir/log/slurmctld.log
SlurmdLogFile=$run_dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=study Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$run_dir/slurm.conf
slurmctld -i > "$run_dir/log/slurmctld.out" 2>&1 ||
  skip "slurmctld did not start: $(tail -n 5 "$run_dir/log/slurmctld.out" "$run_dir/log/slurmctld.log" 2> /dev/null | tr '\n' ' ')"
started "$run_dir/slurmctld.pid" slurmctld "$run_dir/log/slurmctld.log"
slurmd > "$run_dir/log/slurmd.out" 2>&1 ||
  skip "slurmd did not start: $(tail -n 5 "$run_dir/log/slurmd.out" "$run_dir/log/slurmd.log" 2> /dev/null | tr '\n' ' ')"
started "$run_dir/slurmd.pid" slurmd "$run_dir/log/slurmd.log"
state=""
for _ in $(seq 150); do
  state=$(sinfo -h -n "$host" -o %t 2> /dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.2
done
[ "$state" = idle ] ||
  skip "the node did not become idle (state '${state}'): $(tail -n 5 "$run_dir/log/slurmd.log" "$run_dir/log/slurmctld.log" | tr '\n' ' ')"
echo "Slurm is up: node $host idle in partition study (SLURM_CONF=$SLURM_CONF)"

# The study: 8 shards of full_day's 16 replications, then the merge.
read -r array merge < <("$source_dir/examples/slurm/submit.sh" \
  "$source_dir/scenarios/full_day.txtpb" 16 8 "$work")
echo "submitted job array $array and merge job $merge"
squeue
merge_state=""
for _ in $(seq 600); do
  job=$(scontrol show job "$merge" 2> /dev/null || true)
  merge_state=$(sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' <<< "$job")
  case "$merge_state" in
    COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY) break ;;
  esac
  # A failed shard leaves the merge waiting for ever.
  [[ $job == *DependencyNeverSatisfied* ]] && merge_state="never started: a shard failed" && break
  sleep 0.5
done
echo "merge job $merge: ${merge_state:-unknown}"
ls "$work"
if [ "$merge_state" != COMPLETED ]; then
  tail -n 20 "$work"/*.log 2> /dev/null || true
  exit 1
fi
[ "$(ls "$work"/part-*.pb | wc -l)" -eq 8 ]
cat "$work/merge.log"
compare_with_one_run "$work" "$source_dir/scenarios/full_day.txtpb" 16
