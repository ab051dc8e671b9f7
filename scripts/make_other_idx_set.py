#!/usr/bin/env python3
"""Writes an IDX data set in MNIST's file layout that is not MNIST: every MNIST image
transposed (rows become columns) and every label moved by 3 (digit d is class (d + 3) % 10),
gzip-compressed under MNIST's four file names. `firstspike train/evaluate --data OUT` must
load it with a note ("not MNIST"), never a checksum error.

Usage: python3 scripts/make_other_idx_set.py OUT_FOLDER   (reads datasets/mnist)
"""
import gzip
import os
import sys

import numpy as np


def main():
  out = sys.argv[1]
  os.makedirs(out, exist_ok=True)
  for prefix in ("train", "t10k"):
    raw = gzip.open(f"datasets/mnist/{prefix}-images-idx3-ubyte.gz").read()
    n = int.from_bytes(raw[4:8], "big")
    images = np.frombuffer(raw[16:], np.uint8).reshape(n, 28, 28).transpose(0, 2, 1)
    labels = gzip.open(f"datasets/mnist/{prefix}-labels-idx1-ubyte.gz").read()
    relabelled = (np.frombuffer(labels[8:], np.uint8) + 3) % 10
    with gzip.open(f"{out}/{prefix}-images-idx3-ubyte.gz", "wb") as f:
      f.write(raw[:16] + np.ascontiguousarray(images).tobytes())
    with gzip.open(f"{out}/{prefix}-labels-idx1-ubyte.gz", "wb") as f:
      f.write(labels[:8] + relabelled.astype(np.uint8).tobytes())
  print(f"wrote {out}: transposed, relabelled MNIST in MNIST's layout")


if __name__ == "__main__":
  main()
