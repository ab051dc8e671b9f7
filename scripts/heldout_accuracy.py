#!/usr/bin/env python3
"""Accuracy of `firstspike classify` on the held-out digit sets (scripts/make_heldout_digits.py),
per variant, for one or more checkpoints.

Usage:
  python3 scripts/heldout_accuracy.py BINARY HELDOUT_FOLDER CHECKPOINT... [--inputs FOLDER] [-- CLASSIFY_ARGS...]

Prints a Markdown table: one row per checkpoint, accuracy in % per variant (silent counts as
wrong). With --inputs, the images as the network saw them (classify --write-inputs) are kept
under FOLDER/<variant>/<digit>/ for the first checkpoint, so that scripts/baseline_mlp.py can
score a non-spiking baseline on exactly the same preprocessed images.
"""
import glob
import json
import os
import subprocess
import sys


def classify(binary, checkpoint, files, extra, inputs=None):
  args = [binary, "classify", "--checkpoint", checkpoint, "--json", *extra]
  if inputs:
    args += ["--write-inputs", inputs]
  out = subprocess.run(args + files, capture_output=True, text=True)
  return json.loads(out.stdout)


def accuracy(binary, checkpoint, root, variant, extra, inputs):
  correct = total = 0
  for digit_dir in sorted(glob.glob(os.path.join(root, variant, "*"))):
    digit = os.path.basename(digit_dir)
    files = sorted(glob.glob(os.path.join(digit_dir, "*.png")))
    target = os.path.join(inputs, variant, digit) if inputs else None
    for r in classify(binary, checkpoint, files, extra, target):
      correct += r.get("class") == digit
    total += len(files)
  return 100.0 * correct / total


def main():
  args = sys.argv[1:]
  extra = []
  if "--" in args:
    extra = args[args.index("--") + 1:]
    args = args[:args.index("--")]
  inputs = None
  if "--inputs" in args:
    i = args.index("--inputs")
    inputs = args[i + 1]
    del args[i:i + 2]
  binary, root, checkpoints = args[0], args[1], args[2:]
  variants = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
  print("| checkpoint | " + " | ".join(variants) + " |")
  print("|---|" + "---|" * len(variants))
  for n, c in enumerate(checkpoints):
    row = [f"{accuracy(binary, c, root, v, extra, inputs if n == 0 else None):.1f}" for v in variants]
    print(f"| {os.path.basename(c)} | " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
  main()
