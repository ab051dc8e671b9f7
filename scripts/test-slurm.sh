#!/usr/bin/env bash
# End-to-end test of `firstspike sweep --slurm` on a real one-node Slurm cluster (make
# test-slurm; .ci/run runs it as root). It starts the cluster (scripts/slurm-local.sh), runs a
# 4-trial, 3-stage sweep of a small mozafari2019 on 300 MNIST images once locally (the
# reference) and once as a Slurm array job, cancels one task while it trains (scancel: SIGTERM,
# the trial saves and exits 143), requeues it, waits for the job, and checks that every trial
# finished, that the cancelled one resumed (attempt 2) and that every trial's evaluation equals
# the uninterrupted local run's, byte for byte except the wall-clock seconds and the path.
# Nothing leaves localhost. If the cluster cannot start, the test fails with the reason.
#
#   scripts/test-slurm.sh [path/to/firstspike]     (default .build/release/firstspike)
#   FIRSTSPIKE_SLURM_TEST_REPORT=docs/sweeps/slurm-test scripts/test-slurm.sh   also keeps the
#                                                  report (.md .csv .json .svg) and the job script
#
# Bounded: the whole run is killed after $FIRSTSPIKE_SLURM_TEST_TIMEOUT seconds (default 600);
# about 30-60 s on a quiet 2-core machine with a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release/firstspike}")
limit=${FIRSTSPIKE_SLURM_TEST_TIMEOUT:-600}
[ -x "$bin" ] || { echo "test-slurm: FAILED: no firstspike binary at $bin (make release)" >&2; exit 1; }

if [ -z "${FIRSTSPIKE_SLURM_TEST_INNER:-}" ]; then
  export FIRSTSPIKE_SLURM_TEST_INNER=1
  exec timeout --kill-after=10 "$limit" "$0" "$bin"
fi

start=$SECONDS
work=$(mktemp -d /tmp/firstspike-slurm-test.XXXXXX)
cluster=$work/cluster
log() { echo "test-slurm: [$((SECONDS - start)) s] $*"; }
cleanup() {
  status=$?
  if [ -e "$cluster/slurm.conf" ]; then scripts/slurm-local.sh down "$cluster" > /dev/null 2>&1 || true; fi
  if [ $status -eq 0 ]; then rm -rf "$work"; else echo "test-slurm: files kept in $work" >&2; fi
}
trap cleanup EXIT
fail() {
  echo "test-slurm: FAILED: $*" >&2
  for f in "$work"/sweep/trials/*/log.txt "$work"/sweep/slurm/*.out "$cluster"/slurmctld.log; do
    [ -e "$f" ] && { echo "---- $f (last lines)" >&2; tail -n 15 "$f" >&2; }
  done
  exit 1
}
field() { sed -n "s/^ *\"$2\" : \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1" | head -1; }

log "starting a one-node Slurm cluster"
scripts/slurm-local.sh up "$cluster" > "$work/cluster.txt" 2>&1 || fail "the Slurm cluster did not start: $(tail -n 3 "$work/cluster.txt")"
export SLURM_CONF=$cluster/slurm.conf

# A small mozafari2019 (12/24/40 features); stage 1 is shared by all four trials, stage 2 by
# the two trials of each conv2 threshold, stage 3 is every trial's own.
cat > "$work/sweep.json" <<EOF
{
  "name": "slurm-test",
  "model": "mozafari2019",
  "set": {
    "layers[0].outChannels": 12, "layers[1].inChannels": 12, "layers[1].outChannels": 24,
    "layers[2].inChannels": 24, "layers[2].outChannels": 40, "readout": {"decision": {"featuresPerClass": 4}},
    "layers[0].training.doubleEvery": 25, "layers[1].training.doubleEvery": 25,
    "layers[2].training.adaptiveBatch": 32, "layers[0].training.passes": 1, "layers[1].training.passes": 1
  },
  "data": "$PWD/datasets/mnist",
  "limit": 300,
  "testLimit": 100,
  "stages": [{"stage": 1}, {"stage": 2}, {"stage": 3, "epochs": 40, "saveEvery": 100}],
  "parameters": [
    {"name": "conv2Threshold", "path": "layers[1].threshold", "values": [10, 12]},
    {"name": "inputDropout", "path": "layers[2].training.inputDropout", "values": [0, 0.3]}
  ],
  "metric": {"name": "accuracy", "split": "test", "limit": 100}
}
EOF

log "reference run: the same sweep locally, 2 workers"
"$bin" sweep "$work/sweep.json" --out "$work/reference" --workers 2 > "$work/reference.txt" 2>&1 ||
  fail "the local sweep failed: $(tail -n 5 "$work/reference.txt")"

log "submitting the sweep as a Slurm array job"
"$bin" sweep "$work/sweep.json" --out "$work/sweep" --slurm --cpus-per-task 1 > "$work/submit.txt" 2>&1 ||
  fail "sweep --slurm failed: $(cat "$work/submit.txt")"
job=$(sed -n 's/^submitted Slurm job \([0-9]*\).*/\1/p' "$work/submit.txt")
[ -n "$job" ] || fail "no job id in: $(cat "$work/submit.txt")"
grep -q '^#SBATCH --array=0-3$' "$work/sweep/slurm/job.sh" || fail "job.sh has no --array=0-3"

# Cancel the first task seen training stage 3 with passes left.
victim=""
for _ in $(seq 1200); do
  for t in 0 1 2 3; do
    s=$work/sweep/trials/000$t/state.json
    [ -e "$s" ] || continue
    if [ "$(field "$s" phase)" = running ] && [ "$(field "$s" stage)" = 3 ] && [ "$(field "$s" pass)" != "" ] &&
      [ "$(field "$s" pass)" -ge 2 ] && [ "$(field "$s" pass)" -le 30 ]; then
      victim=$t
      break 2
    fi
  done
  sleep 0.1
done
[ -n "$victim" ] || fail "no trial was seen training stage 3 (squeue: $(squeue -h -j "$job" 2>&1 | tr '\n' ';'))"
log "cancelling task ${job}_$victim (trial $victim, stage 3 pass $(field "$work/sweep/trials/000$victim/state.json" pass))"
scancel "${job}_$victim"
for _ in $(seq 300); do
  [ "$(field "$work/sweep/trials/000$victim/state.json" phase)" = preempted ] && break
  sleep 0.1
done
[ "$(field "$work/sweep/trials/000$victim/state.json" phase)" = preempted ] ||
  fail "trial $victim is not 'preempted' after scancel: $(field "$work/sweep/trials/000$victim/state.json" phase)"
for _ in $(seq 300); do
  squeue -h -j "${job}_$victim" -o %t 2> /dev/null | grep -q . || break
  sleep 0.1
done
"$bin" sweep-report "$work/sweep" > "$work/report-partial.md" || fail "sweep-report failed while the job ran"
grep -q "preempted" "$work/report-partial.md" || fail "the partial report does not show the preempted trial"

log "requeueing task ${job}_$victim"
scontrol requeue "${job}_$victim" || fail "scontrol requeue ${job}_$victim failed"
scontrol update "JobId=${job}_$victim" StartTime=now || fail "scontrol update StartTime=now failed"

for _ in $(seq 3000); do
  squeue -h -j "$job" 2> /dev/null | grep -q . || break
  sleep 0.1
done
squeue -h -j "$job" 2> /dev/null | grep -q . && fail "the job is still queued or running: $(squeue -h -j "$job" | tr '\n' ';')"
log "job $job finished"

"$bin" sweep-report "$work/sweep" --out "$work/report" > "$work/report.md" 2> /dev/null || fail "sweep-report failed"
grep -q "4 trials: 4 done" "$work/report.md" || fail "not every trial is done: $(head -n 1 "$work/report.md")"
for t in 0 1 2 3; do
  d=$work/sweep/trials/000$t
  ref=$work/reference/trials/000$t
  [ "$(field "$d/state.json" phase)" = done ] || fail "trial $t: $(field "$d/state.json" phase)"
  strip() { sed -E 's/"seconds":[0-9.e+-]+//; s/"checkpoint":"[^"]*"//' "$1"; }
  [ "$(strip "$d/evaluation.json")" = "$(strip "$ref/evaluation.json")" ] ||
    fail "trial $t: its evaluation differs from the uninterrupted local run's"
done
[ "$(field "$work/sweep/trials/000$victim/state.json" attempts)" = 2 ] || fail "trial $victim ran $(field "$work/sweep/trials/000$victim/state.json" attempts) times, not 2"
grep -q "attempt 2" "$work/sweep/trials/000$victim/log.txt" || fail "trial $victim's log shows no second attempt"
grep -q "resuming at" "$work/sweep/trials/000$victim/log.txt" || fail "trial $victim did not resume its saved stage"
[ "$(ls "$work"/sweep/shared/*.done | wc -l)" = 3 ] || fail "expected 3 shared stages (one stage 1, two stage 2)"
log "OK: 4 trials through Slurm; trial $victim cancelled in stage 3, requeued, resumed; every evaluation equals the local run's"
cat "$work/report.md"
if [ -n "${FIRSTSPIKE_SLURM_TEST_REPORT:-}" ]; then
  keep=$FIRSTSPIKE_SLURM_TEST_REPORT
  for ext in md csv json svg; do cp "$work/report.$ext" "$keep.$ext"; done
  sed "s|$work|/tmp/firstspike-slurm-test|g" "$work/sweep/slurm/job.sh" > "$keep.job.sh"
  sed -i "s|$work|/tmp/firstspike-slurm-test|g" "$keep.md" "$keep.csv" "$keep.json"
  log "kept the report as $keep.{md,csv,json,svg} and the script as $keep.job.sh"
fi
