#!/usr/bin/env bash
# A one-node Slurm cluster on localhost, for the sweep tests and for trying `firstspike sweep
# --slurm` on one machine (Debian's slurm-wlm and munge; needs root).
#
#   scripts/slurm-local.sh up DIR     install (apt-get) if needed, start munged, slurmctld and
#                                     slurmd with state, spool, logs and slurm.conf in DIR (a
#                                     fresh or empty folder); prints `export SLURM_CONF=...`
#   scripts/slurm-local.sh down DIR   stop the daemons this script started for DIR
#
# Every client command (sbatch, squeue, scancel, scontrol, sinfo) then needs
# SLURM_CONF=DIR/slurm.conf. The cluster listens on two free ports of 127.0.0.1 chosen at `up`,
# so it never meets another Slurm on the machine; nothing outside DIR is changed except
# /run/munge (munged's socket) and, when missing, the packages. No accounting daemon: job
# states come from squeue / scontrol. Any failure prints the reason and exits non-zero.
set -euo pipefail

die() { echo "slurm-local: $*" >&2; exit 1; }

usage() { die "usage: $0 up DIR | down DIR"; }

[ $# -eq 2 ] || usage
action=$1
dir=$2

# Polls `$@` every 0.1 s for up to $timeout seconds; true when it succeeded.
poll() {
  local timeout=$1; shift
  local end=$((SECONDS + timeout))
  while [ $SECONDS -lt $end ]; do
    if "$@" > /dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  return 1
}

# A TCP port of 127.0.0.1 nobody listens on.
free_port() {
  local used port
  used=$(ss -Htln 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 20000))
    if ! grep -qx "$port" <<< "$used"; then echo "$port"; return; fi
  done
  die "no free TCP port found"
}

install_packages() {
  command -v slurmctld > /dev/null && command -v slurmd > /dev/null && command -v sbatch > /dev/null &&
    command -v munged > /dev/null && return
  [ "$(id -u)" = 0 ] || die "slurm-wlm and munge are not installed, and installing them needs root"
  echo "slurm-local: installing slurm-wlm and munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq slurm-wlm munge > "$dir/apt.log" 2>&1 ||
    { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq slurm-wlm munge > "$dir/apt.log" 2>&1; } ||
    die "apt-get install slurm-wlm munge failed (log: $dir/apt.log)"
}

munge_works() { munge -n | unmunge; }

start_munge() {
  if munge_works > /dev/null 2>&1; then return; fi
  mkdir -p /run/munge
  chown munge:munge /run/munge
  chmod 0755 /run/munge
  [ -s /etc/munge/munge.key ] || die "/etc/munge/munge.key is missing (reinstall munge)"
  runuser -u munge -- /usr/sbin/munged --force || die "munged did not start"
  touch "$dir/started-munged"
  poll 10 munge_works || die "munged started but munge -n | unmunge fails"
}

write_conf() {
  local node ctl_port d_port
  # This node as slurmd sees it (a RealMemory above what slurmd measures drains the node).
  node=$(slurmd -C | head -1)
  [[ $node == NodeName=* ]] || die "slurmd -C printed no node line"
  ctl_port=$(free_port)
  d_port=$(free_port)
  [ "$ctl_port" != "$d_port" ] || d_port=$((ctl_port + 1))
  mkdir -p "$dir/state" "$dir/spool"
  cat > "$dir/slurm.conf" <<EOF
# Written by scripts/slurm-local.sh: a one-node cluster on localhost.
ClusterName=firstspike
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SchedulerType=sched/backfill
# Look at pending jobs every 2 s (the defaults, 60 s and 30 s, are for big clusters).
SchedulerParameters=sched_interval=2,bf_interval=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
# scancel: SIGTERM to every process of a job, SIGKILL this many seconds later.
KillWait=30
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

up() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ ! -e "$dir/slurm.conf" ] || die "$dir already holds a cluster (run: $0 down $dir)"
  [ "$(id -u)" = 0 ] || die "needs root (the daemons run as root and munged as user munge)"
  install_packages
  start_munge
  write_conf
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -f "$SLURM_CONF" || die "slurmctld did not start (log: $dir/slurmctld.log)"
  poll 20 scontrol ping || die "slurmctld does not answer scontrol ping (log: $dir/slurmctld.log)"
  slurmd -f "$SLURM_CONF" || die "slurmd did not start (log: $dir/slurmd.log)"
  idle() { sinfo -h -o '%t' | grep -qx 'idle'; }
  if ! poll 30 idle; then
    die "the node is not idle after 30 s: $(sinfo -h -o '%t %E' 2>&1) (logs: $dir/slurmctld.log, $dir/slurmd.log)"
  fi
  echo "slurm-local: cluster up ($(sinfo -h -o '%D node, %c CPUs, %m MB, partition %P')); state in $dir"
  echo "export SLURM_CONF=$SLURM_CONF"
}

# Stops the daemon whose pid file is $1, waiting up to 10 s, then SIGKILL.
stop_pid_file() {
  local file=$1 pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  kill "$pid" 2> /dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2> /dev/null || true
}

down() {
  [ -e "$dir/slurm.conf" ] || die "$dir holds no cluster"
  export SLURM_CONF=$dir/slurm.conf
  scancel --full --quiet "--user=$(id -un)" > /dev/null 2>&1 || true
  stop_pid_file "$dir/slurmd.pid"
  stop_pid_file "$dir/slurmctld.pid"
  if [ -e "$dir/started-munged" ]; then
    stop_pid_file /run/munge/munged.pid
    rm -f "$dir/started-munged"
  fi
  rm -f "$dir/slurm.conf"
  echo "slurm-local: cluster in $dir stopped"
}

case $action in
  up) up ;;
  down) down ;;
  *) usage ;;
esac
