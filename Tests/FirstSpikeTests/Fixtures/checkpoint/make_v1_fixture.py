#!/usr/bin/env python3
"""Writes v1-independent.fspk and its manifest v1-independent.json from docs/checkpoint-format.md
alone (no FirstSpike code): the 16-byte preamble, then one zstd frame (made by the stock `zstd`
tool, with content size and content checksum) of the payload: UInt32 header length, the header
JSON (compact, sorted keys), the data section (blobs, then tensors, in header order).

The manifest lists what a correct reader must find: every blob's bytes (hex) and every tensor's
dtype, shape and elements (float32 as bit patterns, hex). CheckpointFixtureTests loads the .fspk
with FirstSpike and compares it with the manifest.

usage: python3 make_v1_fixture.py   (needs the `zstd` command; run in this folder)
"""
import json, os, struct, subprocess, tempfile

BLOBS = [
    ("spec", b'{"layers":[6,30],"name":"hand-made"}'),
    ("progress", json.dumps({"pass": 3, "position": 17, "rng": "0123456789abcdef"}, sort_keys=True,
                            separators=(",", ":")).encode()),
    ("empty", b""),
]
F32 = [0x00000000, 0x80000000, 0x3FC00000, 0x7F800000, 0xFF800000, 0x7FC01234,  # 0, -0, 1.5, ±inf, NaN payload
       0x7F800001, 0x00000001, 0x007FFFFF, 0x00800000, 0x3DCCCCCD, 0xC2F6E979]  # sNaN, subnormals, 0.1, -123.456
TENSORS = [
    ("weights", "float32", [3, 4], F32),
    ("scalar", "float32", [], [0x40500000]),  # 3.25
    ("ints", "int32", [5], [-2147483648, -1, 0, 1, 2147483647]),
    ("bytes", "uint8", [2, 3], [0, 1, 127, 128, 254, 255]),
    ("nothing", "float32", [2, 0, 3], []),
]
WIDTH = {"float32": 4, "int32": 4, "uint8": 1}


def element_bytes(dtype, values):
    if dtype == "float32":
        return b"".join(struct.pack("<I", v) for v in values)
    if dtype == "int32":
        return b"".join(struct.pack("<i", v) for v in values)
    return bytes(values)


def main():
    data, blobs, tensors, offset = b"", [], [], 0
    for name, raw in BLOBS:
        blobs.append({"byteCount": len(raw), "name": name, "offset": offset})
        data += raw
        offset += len(raw)
    for name, dtype, shape, values in TENSORS:
        count = 1
        for d in shape:
            count *= d
        assert count == len(values), name
        raw = element_bytes(dtype, values)
        assert len(raw) == count * WIDTH[dtype]
        tensors.append({"byteCount": len(raw), "dtype": dtype, "name": name, "offset": offset, "shape": shape})
        data += raw
        offset += len(raw)
    header = json.dumps({"blobs": blobs, "tensors": tensors, "writer": "make_v1_fixture.py"},
                        sort_keys=True, separators=(",", ":")).encode()
    payload = struct.pack("<I", len(header)) + header + data
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "payload")
        with open(src, "wb") as f:
            f.write(payload)
        frame = subprocess.run(["zstd", "-q", "-19", "--check", "-c", src], check=True, capture_output=True).stdout
    assert frame[:4] == b"\x28\xb5\x2f\xfd"
    preamble = b"FSPK\r\n\x1a\n" + struct.pack("<II", 1, 0)
    with open("v1-independent.fspk", "wb") as f:
        f.write(preamble + frame)
    manifest = {
        "note": "written by make_v1_fixture.py from docs/checkpoint-format.md; not by FirstSpike",
        "format_version": 1,
        "blobs": [{"name": n, "hex": raw.hex()} for n, raw in BLOBS],
        "tensors": [{"name": n, "dtype": d, "shape": s,
                     "elements": [format(v, "08x") for v in vals] if d == "float32" else vals}
                    for n, d, s, vals in TENSORS],
    }
    with open("v1-independent.json", "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
