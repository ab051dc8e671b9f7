#!/usr/bin/env python3
"""Checks that two FirstSpike checkpoints hold bit-identical tensors (and lists the blobs that
differ): what `firstspike calibrate` must guarantee when it rewrites a shipped checkpoint.

Usage: python3 scripts/compare_checkpoint_tensors.py A.fspk B.fspk   (needs: pip install zstandard)
Exit status 0 when every tensor of A is in B with the same dtype, shape and bytes, and vice versa.
"""
import json
import struct
import sys

import zstandard


def read(path):
  data = open(path, "rb").read()
  assert data[:8] == b"FSPK\r\n\x1a\n", f"{path}: not a checkpoint"
  payload = zstandard.ZstdDecompressor().decompress(data[16:])
  n = struct.unpack("<I", payload[:4])[0]
  header = json.loads(payload[4:4 + n])
  body = payload[4 + n:]
  tensors = {t["name"]: (t["dtype"], t["shape"], body[t["offset"]:t["offset"] + t["byteCount"]]) for t in header["tensors"]}
  blobs = {b["name"]: body[b["offset"]:b["offset"] + b["byteCount"]] for b in header["blobs"]}
  return tensors, blobs


def main():
  (ta, ba), (tb, bb) = read(sys.argv[1]), read(sys.argv[2])
  same = ta.keys() == tb.keys() and all(ta[k] == tb[k] for k in ta)
  changed = sorted(k for k in set(ba) | set(bb) if ba.get(k) != bb.get(k))
  print(f"{len(ta)} tensors {'bit-identical' if same else 'DIFFER'}; blobs changed: {', '.join(changed) or 'none'}")
  sys.exit(0 if same else 1)


if __name__ == "__main__":
  main()
