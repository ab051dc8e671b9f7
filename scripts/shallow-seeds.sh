#!/usr/bin/env bash
# shallow-rstdp on ETH-80 cup vs dog over 5 training seeds (fixed 75/25 split, --split-seed 0):
# test error after the last pass and of the best-pass weights, then mean ± sd.
set -euo pipefail
B=${1:-.build/release/firstspike}
D=${2:-scratch/shallow}
mkdir -p "$D"
printf 'seed\tlast-pass test error %%\tbest-pass test error %%\n'
for seed in 0 1 2 3 4; do
  C="$D/seed$seed.fspk"
  rm -f "$C"
  "$B" train --model shallow-rstdp --data datasets/eth80-cup-dog --stage 1 --seed "$seed" --checkpoint "$C" 2>/dev/null > "$D/seed$seed.log"
  last=$(grep '^pass 20/20' "$D/seed$seed.log" | sed -E 's/.*test ([0-9.]+)%.*/\1/')
  best=$("$B" evaluate --checkpoint "$C" --json | python3 -c 'import json,sys; print(100*json.load(sys.stdin)["accuracy"])')
  python3 -c "print('$seed\t%.2f\t%.2f' % (100-float('$last'), 100-float('$best')))"
done | tee "$D/table.tsv"
python3 - "$D/table.tsv" <<'PY'
import statistics as s, sys
rows = [l.split('\t') for l in open(sys.argv[1]) if l.strip()]
last = [float(r[1]) for r in rows]; best = [float(r[2]) for r in rows]
print(f"mean ± sd: last pass {s.mean(last):.2f} ± {s.stdev(last):.2f} %, best pass {s.mean(best):.2f} ± {s.stdev(best):.2f} %")
PY
