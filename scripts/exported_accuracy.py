#!/usr/bin/env python3
"""Accuracy of `firstspike classify` on PNGs written by `firstspike export` (named
<index>-label<digit>.png), to compare with `firstspike evaluate` on the same split.

Usage: python3 scripts/exported_accuracy.py BINARY CHECKPOINT FOLDER [-- CLASSIFY_ARGS...]
Prints: images, correct, accuracy, and how many images the normalisation changed.
"""
import glob
import json
import os
import re
import subprocess
import sys


def main():
  args = sys.argv[1:]
  extra = args[args.index("--") + 1:] if "--" in args else []
  binary, checkpoint, folder = args[:3]
  files = sorted(glob.glob(os.path.join(folder, "*-label*.png")))
  correct = changed = 0
  for start in range(0, len(files), 1000):
    chunk = files[start:start + 1000]
    out = subprocess.run([binary, "classify", "--checkpoint", checkpoint, "--json", *extra, *chunk],
                         capture_output=True, text=True)
    for r in json.loads(out.stdout):
      label = re.search(r"-label(\d+)\.png$", r["path"]).group(1)
      correct += r.get("class") == label
      changed += bool(r.get("preprocessing"))
  print(f"{len(files)} images, {correct} correct ({100 * correct / len(files):.2f}%), "
        f"{changed} changed by the normalisation")


if __name__ == "__main__":
  main()
