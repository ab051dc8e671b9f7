#!/usr/bin/env bash
# The main job in a few minutes: train mozafari2019 stage by stage on an MNIST subset, with an
# interruption and a resume, then evaluate and classify PNG digits written by `export`.
# Usage: scripts/demo.sh [firstspike binary] [scratch folder]
set -euo pipefail
B=${1:-.build/release/firstspike}
D=${2:-scratch/demo}
N=${DEMO_IMAGES:-6000}
rm -rf "$D" && mkdir -p "$D"
C="$D/demo.fspk"
step() { printf '\n== %s\n' "$*"; }

step "1. export MNIST test digits 0..<12 as PNG files"
"$B" export --data datasets/mnist --split test --range '0..<12' --out "$D/digits"

step "2. stage 1: conv1 (6→30) with STDP, 2 passes over $N training images"
"$B" train --model mozafari2019 --data datasets/mnist --stage 1 --limit "$N" --checkpoint "$C"

step "3. stage 2: conv2 (30→250) with STDP, 1 pass; stopped after 2500 images as if by Ctrl-C…"
status=0
"$B" train --data datasets/mnist --stage 2 --limit "$N" --epochs 1 --checkpoint "$C" --stop-after 2500 || status=$?
[ "$status" = 130 ] || { echo "expected the interrupted run to exit with 130, got $status"; exit 1; }
"$B" inspect "$C" | grep 'stage 2'
step "   …and resumed from the checkpoint where it stopped (it records the run's options)"
"$B" train --checkpoint "$C" --resume

step "4. stage 3: conv3 (250→200) with R-STDP, 8 passes, test accuracy after each (best kept), then calibration"
"$B" train --data datasets/mnist --stage 3 --limit "$N" --epochs 8 --test-limit 2000 --checkpoint "$C"

step "5. evaluate on 2000 test images"
"$B" evaluate --checkpoint "$C" --data datasets/mnist --limit 2000

step "6. classify the exported PNG digits (file names carry the true label)"
"$B" classify --checkpoint "$C" "$D"/digits/*.png

if [ -f checkpoints/kheradpisheh2018.fspk ]; then
  step "7. the same digits with the shipped default checkpoint (kheradpisheh2018), top 2 classes"
  "$B" classify --top 2 "$D"/digits/*.png
fi
