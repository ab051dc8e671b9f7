#!/usr/bin/env bash
# The three "lost work" cases of issue #12, each with its one-line message and the checkpoint's
# SHA-256 before and after: two trainers on one file, a checkpoint replaced during training,
# and a mistaken restart of a trained stage. Usage: scripts/lost_work_demo.sh [binary]
set -uo pipefail
cd "$(dirname "$0")/.."
B=${1:-.build/release/firstspike}
D=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$D"' EXIT
sha() { sha256sum "$1" | cut -c1-16; }
wait_for() { for _ in $(seq 600); do [ -e "$1" ] && return 0; sleep 0.1; done; return 1; }
TRAIN=(train --model mozafari2019 --data datasets/mnist --skip-checksums --stage 1 --limit 20000 --save-every 500)

echo "== 1. two trainers on one checkpoint"
"${B}" "${TRAIN[@]}" --checkpoint "$D/m.fspk" > "$D/a.out" 2> "$D/a.err" &
A=$!
wait_for "$D/m.fspk"; kill -STOP $A                  # hold the first trainer between two saves
echo "sha256 before: $(sha "$D/m.fspk")   (first trainer: pid $A)"
"${B}" train --data datasets/mnist --skip-checksums --stage 1 --limit 20000 --checkpoint "$D/m.fspk" --resume
echo "exit status of the second trainer: $?"
echo "sha256 after:  $(sha "$D/m.fspk")"
cat "$D/m.fspk.lock"  | sed 's/^/lock file holds pid: /'
kill -TERM $A; kill -CONT $A; wait $A; status=$?
echo "first trainer after SIGTERM: exit status $status; $(grep -E 'interrupted|saved' "$D/a.out" | head -1)"

echo; echo "== 2. checkpoint replaced during training"
"${B}" "${TRAIN[@]}" --checkpoint "$D/r.fspk" > "$D/r.out" 2> "$D/r.err" &
R=$!
wait_for "$D/r.fspk"; kill -STOP $R
echo "sha256 of the run's file:        $(sha "$D/r.fspk")"
cp checkpoints/kheradpisheh2018.fspk "$D/r.fspk.new" && mv "$D/r.fspk.new" "$D/r.fspk"
echo "sha256 after someone replaced it: $(sha "$D/r.fspk")   (checkpoints/kheradpisheh2018.fspk: $(sha checkpoints/kheradpisheh2018.fspk))"
kill -CONT $R; wait $R; status=$?
echo "trainer: exit status $status; $(cat "$D/r.err" | grep 'firstspike: error')"
echo "sha256 after the run:            $(sha "$D/r.fspk")"
for f in "$D"/r.run-*.fspk; do echo "side file $(basename "$f"): $("${B}" inspect "$f" | grep 'stage 1:' | head -1 | sed 's/^ *//')"; done

echo; echo "== 3. mistaken restart of a trained stage"
cp checkpoints/mozafari2019.fspk "$D/full.fspk"
echo "sha256 before: $(sha "$D/full.fspk")"
"${B}" train --data datasets/mnist --skip-checksums --stage 2 --limit 1000 --checkpoint "$D/full.fspk"
echo "exit status: $?"
echo "sha256 after:  $(sha "$D/full.fspk")"
"${B}" train --data datasets/mnist --skip-checksums --stage 2 --limit 1000 --checkpoint "$D/full.fspk" --retrain --stop-after 50 2>/dev/null | grep -E 'starts over|interrupted'
echo "exit status with --retrain --stop-after 50: ${PIPESTATUS[0]}"
echo "sha256 of full.fspk.bak: $(sha "$D/full.fspk.bak")   of full.fspk now: $(sha "$D/full.fspk")"
