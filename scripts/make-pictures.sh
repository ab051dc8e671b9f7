#!/usr/bin/env bash
# Draws docs/pictures/ (shown in README.md) and the learning curves RESULTS.md shows, from the
# shipped checkpoints: learning curves, confusion heat maps on the full test splits, the
# features of every layer, and one explained image per model. Takes a few minutes (the
# evaluations read every test image); use a release build.
# Usage: scripts/make-pictures.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-.build/release/firstspike}
D=docs/pictures
mkdir -p "$D" scratch/pictures
$B export --data datasets/mnist --split test --range '0..<1' --out scratch/pictures >/dev/null
digit=scratch/pictures/00000-label7.png
dog=datasets/eth80-cup-dog/dog/dog1-000-000.png

# model | its learned layers ("-": its one layer) | whether it keeps a per-pass history
while IFS='|' read -r m layers curve; do
  c=checkpoints/$m.fspk
  echo "== $m"
  if [ "$curve" = yes ]; then $B inspect "$c" --plot "$D/$m-curve.png" | grep '^wrote'; fi
  $B evaluate --checkpoint "$c" --plot "$D/$m-confusion.png" | grep -E '^accuracy|^wrote'
  for l in $layers; do
    if [ "$l" = - ]; then $B features --checkpoint "$c" --out "$D/$m-features.png"
    else $B features --checkpoint "$c" --layer "$l" --out "$D/$m-layer$l.png"; fi
  done
done <<'LIST'
mozafari2019|1 2 3|yes
mozafari2019-paper|1 2 3|yes
kheradpisheh2018|1 2|no
shallow-rstdp|1|yes
diehlcook2015-n100|-|no
diehlcook2015-n400|-|no
s4nn|1 2|yes
ttfs-cnn|1 2 3|yes
mozafari2019-hybrid|1 2 3|yes
s4nn-eth80|1 2|yes
ttfs-cnn-eth80|1 2 3|yes
mozafari2019-hybrid-eth80|1 2 3|yes
shallow-rstdp-validated|1|yes
LIST

echo "== explain"
$B explain --checkpoint checkpoints/mozafari2019.fspk "$digit" --out "$D/explain-mozafari2019.png"
$B explain --checkpoint checkpoints/kheradpisheh2018.fspk "$digit" --out "$D/explain-kheradpisheh2018.png"
$B explain --checkpoint checkpoints/shallow-rstdp.fspk "$dog" --out "$D/explain-shallow-rstdp.png"
$B explain --checkpoint checkpoints/diehlcook2015-n100.fspk "$digit" --out "$D/explain-diehlcook2015-n100.png"
$B explain --checkpoint checkpoints/s4nn.fspk "$digit" --out "$D/explain-s4nn.png"
$B explain --checkpoint checkpoints/ttfs-cnn.fspk "$digit" --out "$D/explain-ttfs-cnn.png"

# RESULTS.md's stage-3 curves
cp "$D/mozafari2019-curve.png" docs/mozafari2019-stage3.png
cp "$D/mozafari2019-paper-curve.png" docs/mozafari2019-paper-stage3.png
