#!/usr/bin/env bash
# Re-creates the seed corpora of the fuzz targets in Fuzz/Corpus/ (committed; run by hand when
# the formats change). Usage: Fuzz/make-corpus.sh [firstspike binary]. Needs python3 and zstd.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-.build/debug/firstspike}
C=Fuzz/Corpus
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rm -rf "$C" && mkdir -p "$C"/{png,idx,checkpoint,spec}

# PNG: a few fixtures (colour types, depths, interlace, tRNS, gAMA, sRGB) and a 44-byte file
# declaring a 2 GB tEXt chunk.
for f in gray8 pal4-trns rgba16 gray1-adam7 rgb8-gamma10 rgba8-srgb gray16-trns; do
  cp Tests/FirstSpikeTests/Fixtures/png/$f.png "$C/png/"
done
python3 - "$C" <<'PY'
import gzip, struct, sys, zlib
c = sys.argv[1]
def chunk(t, data, length=None):
    n = len(data) if length is None else length
    return struct.pack('>I', n) + t + data + struct.pack('>I', zlib.crc32(t + data) & 0xffffffff)
sig = b'\x89PNG\r\n\x1a\n'
ihdr = chunk(b'IHDR', struct.pack('>IIBBBBB', 28, 28, 8, 0, 0, 0, 0))
open(f'{c}/png/text2g.png', 'wb').write(sig + ihdr + struct.pack('>I', 0x7fffff00) + b'tEXtabc')
# IDX: 3 images of 4×4 and their labels, raw and gzip; a header whose dimensions overflow.
images = struct.pack('>IIII', 0x803, 3, 4, 4) + bytes(range(48))
labels = struct.pack('>II', 0x801, 3) + bytes([1, 7, 9])
for name, data in [('images', images), ('labels', labels)]:
    open(f'{c}/idx/{name}.idx', 'wb').write(data)
    open(f'{c}/idx/{name}.idx.gz', 'wb').write(gzip.compress(data, mtime=0))
open(f'{c}/idx/overflow.idx', 'wb').write(struct.pack('>IIII', 0x803, 0xffffffff, 0xffffffff, 0xffffffff))
PY

# Specs: every built-in, and two tiny ones (single-spike, rate-coded).
for m in mozafari2019 kheradpisheh2018 shallow-rstdp diehlcook2015; do "$B" inspect --spec $m > "$C/spec/$m.json"; done
python3 - "$C" <<'PY'
import json, sys
c = sys.argv[1]
s = json.load(open(f'{c}/spec/mozafari2019.json'))
s['name'] = 'tiny'
s['encoder']['kernels'] = s['encoder']['kernels'][:2]
s['layers'] = [s['layers'][0]]
s['layers'][0].update(inChannels=2, outChannels=20, kernel=3)
s['readout'] = {'decision': {'featuresPerClass': 2}}
json.dump(s, open(f'{c}/spec/tiny.json', 'w'), sort_keys=True)
r = json.load(open(f'{c}/spec/diehlcook2015.json'))
r.update(kind='rate-coded', neurons=2, time=20)
json.dump(r, open(f'{c}/spec/tiny-rate.json', 'w'), sort_keys=True)
PY

# Checkpoints (first byte 0 = a whole file, 1 = a decompressed payload): the v1 fixture and
# tiny models with training in progress.
"$B" train --spec "$C/spec/tiny.json" --data datasets/mnist --limit 4 --stage 1 --stop-after 2 --checkpoint "$T/tiny.fspk" > /dev/null 2>&1 || true
"$B" train --spec "$C/spec/tiny-rate.json" --data datasets/mnist --limit 3 --stage 1 --checkpoint "$T/rate.fspk" > /dev/null 2>&1
cp Tests/FirstSpikeTests/Fixtures/checkpoint/v1-small.fspk "$T/v1.fspk"
for f in tiny rate v1; do
  { printf '\x00'; cat "$T/$f.fspk"; } > "$C/checkpoint/$f-file"
  { printf '\x01'; tail -c +17 "$T/$f.fspk" | zstd -dq; } > "$C/checkpoint/$f-payload"
done
du -sh "$C"/*
