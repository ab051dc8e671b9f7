#!/usr/bin/env bash
# Runs every libFuzzer target (built by `make fuzz` into .build-fuzz) for FUZZ_SECONDS each, on a
# working corpus in scratch/fuzz/<target> seeded from Fuzz/Corpus/<kind>. Prints executions and
# coverage per target; a crash, leak, timeout (hang) or out-of-memory input is saved as
# scratch/fuzz/<target>-crash-… etc. and makes the script exit 1.
# Usage: scripts/fuzz.sh [bin folder] [seconds per target]
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build-fuzz/debug}
SECONDS_EACH=${2:-${FUZZ_SECONDS:-60}}
mkdir -p scratch/fuzz
# Inputs written to files (IDX, spec checkpoints) go to memory where there is a tmpfs: ext4
# flushes a truncated file on every close, which would cut the IDX target's speed tenfold.
scratch_root=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && scratch_root=/dev/shm
status=0
printf '%-16s %10s %8s %8s  %s\n' target executions cov corpus findings
for target in png idx checkpoint spec; do
  work=scratch/fuzz/$target
  mkdir -p "$work"
  dict=()
  [ -f "Fuzz/$target.dict" ] && dict=(-dict="Fuzz/$target.dict")
  log=scratch/fuzz/$target.log
  tmp=$(mktemp -d "$scratch_root/firstspike-fuzz-XXXXXX")
  # fontconfig's process-long cache (Cairo text, drawn for accepted models) is not a leak of
  # ours: the suppressions of make test-asan apply here too.
  TMPDIR=$tmp LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0" "$BIN/fuzz-$target" "$work" "Fuzz/Corpus/$target" "${dict[@]}" \
    -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=3072 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="scratch/fuzz/$target-" > "$log" 2>&1
  rc=$?
  rm -rf "$tmp"
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  corpus=$(ls "$work" | wc -l)
  findings=$(grep -E '^SUMMARY|ERROR: libFuzzer|==ERROR' "$log" | head -1)
  printf '%-16s %10s %8s %8s  %s\n' "fuzz-$target" "${runs:-?}" "${cov:-?}" "$corpus" "${findings:-none}"
  [ $rc -ne 0 ] && status=1
done
exit $status
