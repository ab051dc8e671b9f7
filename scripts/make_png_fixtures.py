#!/usr/bin/env python3
"""Generates the PNG test fixtures of FirstSpike (Tests/FirstSpikeTests/Fixtures/png).

Pure Python (zlib + struct, no PIL), so the fixtures do not depend on the decoder under test.

For every valid PNG `NAME.png` it writes `NAME.gray`: the expected 8-bit luma, `height x width`
bytes, row-major, computed as FirstSpike's `PNGFile` defines it:

  * each sample is first brought to 8 bits:
      - gray of depth 1/2/4 by bit replication (v * 255 / (2^d - 1), exact),
      - 16-bit samples as round(v * 255 / 65535) (libpng's `png_set_scale_16`),
      - palette indices through the PLTE entry;
  * alpha (an alpha channel or tRNS) is ignored, as PIL's `convert("L")` ignores it;
  * gAMA / cHRM / sRGB / iCCP are ignored, as PIL ignores them;
  * luma L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16 (PIL's ITU-R 601 "L" conversion);
    a gray sample g gives L = g exactly.

and `NAME.alpha`: the expected 8-bit alpha (the alpha channel; for tRNS, 0 where the key colour
or palette entry is transparent; 255 for opaque files).

`manifest.json` lists every valid fixture with its header fields, and every broken one with the
failure it must produce. Rows use all five filter types in turn (row y uses filter y % 5) so the
decoder's unfiltering is exercised; `*-adam7` files are Adam7-interlaced.

Run from the repository root:  python3 scripts/make_png_fixtures.py
"""

import json
import os
import struct
import zlib

OUT = os.path.join("Tests", "FirstSpikeTests", "Fixtures", "png")

COLOR_GRAY, COLOR_RGB, COLOR_PALETTE, COLOR_GRAY_ALPHA, COLOR_RGBA = 0, 2, 3, 4, 6
CHANNELS = {COLOR_GRAY: 1, COLOR_RGB: 3, COLOR_PALETTE: 1, COLOR_GRAY_ALPHA: 2, COLOR_RGBA: 4}

ADAM7 = [  # (x0, y0, dx, dy)
    (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
    (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
]


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def ihdr(width, height, depth, color, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, interlace))


def pack_row(samples, depth):
    """Packs one row of samples (already flattened over channels) into bytes."""
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    out, acc, nbits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        nbits += depth
        if nbits == 8:
            out.append(acc)
            acc, nbits = 0, 0
    if nbits:
        out.append(acc << (8 - nbits))
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_rows(rows, bpp):
    """Filters each packed row with filter type (row index % 5); returns the scanline bytes."""
    out, prev = bytearray(), bytes(len(rows[0])) if rows else b""
    for y, row in enumerate(rows):
        ftype = y % 5
        line = bytearray([ftype])
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
            line.append((x - pred) & 0xFF)
        out += line
        prev = row
    return bytes(out)


def scanlines(pixels, width, height, depth, channels, interlace):
    """pixels[y][x] is a tuple of `channels` samples. Returns the filtered image data."""
    bpp = max(1, depth * channels // 8)
    if not interlace:
        rows = [pack_row([s for px in pixels[y] for s in px], depth) for y in range(height)]
        return filter_rows(rows, bpp)
    data = b""
    for x0, y0, dx, dy in ADAM7:
        xs, ys = range(x0, width, dx), range(y0, height, dy)
        if len(xs) == 0 or len(ys) == 0:
            continue
        rows = [pack_row([s for x in xs for s in pixels[y][x]], depth) for y in ys]
        data += filter_rows(rows, bpp)
    return data


def png_bytes(width, height, depth, color, pixels, interlace=0, extra=(), plte=None, trns=None):
    out = b"\x89PNG\r\n\x1a\n" + ihdr(width, height, depth, color, interlace)
    for kind, data in extra:
        out += chunk(kind, data)
    if plte is not None:
        out += chunk(b"PLTE", b"".join(bytes(rgb) for rgb in plte))
    if trns is not None:
        out += chunk(b"tRNS", trns)
    raw = scanlines(pixels, width, height, depth, CHANNELS[color], interlace)
    return out + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def to8(v, depth):
    if depth == 16:
        return (v * 255 + 32767) // 65535
    return v * 255 // ((1 << depth) - 1)


def luma(r, g, b):
    return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16


def sample(x, y, c, depth, salt):
    """Deterministic, well-spread sample values in 0..<2^depth."""
    h = (x * 73856093) ^ (y * 19349663) ^ (c * 83492791) ^ (salt * 2654435761)
    h = (h ^ (h >> 13)) * 1274126177 & 0xFFFFFFFF
    return (h ^ (h >> 16)) % (1 << depth)


def expected_luma(pixels, depth, color, plte):
    out = bytearray()
    for row in pixels:
        for px in row:
            if color == COLOR_PALETTE:
                out.append(luma(*plte[px[0]]))
            elif color in (COLOR_GRAY, COLOR_GRAY_ALPHA):
                out.append(to8(px[0], depth))
            else:
                out.append(luma(to8(px[0], depth), to8(px[1], depth), to8(px[2], depth)))
    return bytes(out)


def expected_alpha(pixels, depth, color, plte, trns_bytes):
    """8-bit alpha as libpng expands it: the alpha channel, or tRNS (a gray or RGB key colour
    is transparent, palette entries take their tRNS byte), else opaque."""
    out = bytearray()
    for row in pixels:
        for px in row:
            if color in (COLOR_GRAY_ALPHA, COLOR_RGBA):
                out.append(to8(px[-1], depth))
            elif trns_bytes is None:
                out.append(255)
            elif color == COLOR_PALETTE:
                out.append(trns_bytes[px[0]] if px[0] < len(trns_bytes) else 255)
            elif color == COLOR_GRAY:
                out.append(0 if struct.pack(">H", px[0]) == trns_bytes else 255)
            else:
                out.append(0 if struct.pack(">HHH", *px) == trns_bytes else 255)
    return bytes(out)


def make_image(name, width, height, depth, color, interlace=0, trns=False, extra=()):
    channels = CHANNELS[color]
    salt = sum(map(ord, name))
    pixels = [[tuple(sample(x, y, c, depth, salt) for c in range(channels))
               for x in range(width)] for y in range(height)]
    plte, trns_bytes = None, None
    if color == COLOR_PALETTE:
        plte = [(sample(i, 1, 0, 8, salt), sample(i, 2, 1, 8, salt), sample(i, 3, 2, 8, salt))
                for i in range(1 << depth)]
        if trns:
            trns_bytes = bytes(sample(i, 4, 3, 8, salt) for i in range(len(plte) // 2 + 1))
    elif trns and color == COLOR_GRAY:
        trns_bytes = struct.pack(">H", pixels[0][0][0])
    elif trns and color == COLOR_RGB:
        trns_bytes = struct.pack(">HHH", *pixels[0][0])
    if color in (COLOR_GRAY_ALPHA, COLOR_RGBA):  # some fully transparent pixels, colour kept
        for y in range(height):
            for x in range(0, width, 3):
                pixels[y][x] = pixels[y][x][:-1] + (0,)
    data = png_bytes(width, height, depth, color, pixels, interlace, extra, plte, trns_bytes)
    with open(os.path.join(OUT, name + ".png"), "wb") as f:
        f.write(data)
    with open(os.path.join(OUT, name + ".gray"), "wb") as f:
        f.write(expected_luma(pixels, depth, color, plte))
    with open(os.path.join(OUT, name + ".alpha"), "wb") as f:
        f.write(expected_alpha(pixels, depth, color, plte, trns_bytes))
    return {"file": name + ".png", "width": width, "height": height, "bitDepth": depth,
            "colorType": color, "interlaced": bool(interlace)}


VALID = [  # name, width, height, depth, color, options
    ("gray1", 13, 5, 1, COLOR_GRAY, {}), ("gray2", 11, 4, 2, COLOR_GRAY, {}),
    ("gray4", 9, 6, 4, COLOR_GRAY, {}), ("gray8", 7, 5, 8, COLOR_GRAY, {}),
    ("gray16", 7, 5, 16, COLOR_GRAY, {}), ("gray8-trns", 6, 4, 8, COLOR_GRAY, {"trns": True}),
    ("gray16-trns", 6, 4, 16, COLOR_GRAY, {"trns": True}),
    ("graya8", 7, 5, 8, COLOR_GRAY_ALPHA, {}), ("graya16", 7, 5, 16, COLOR_GRAY_ALPHA, {}),
    ("rgb8", 8, 6, 8, COLOR_RGB, {}), ("rgb16", 8, 6, 16, COLOR_RGB, {}),
    ("rgb8-trns", 5, 5, 8, COLOR_RGB, {"trns": True}),
    ("rgba8", 9, 7, 8, COLOR_RGBA, {}), ("rgba16", 9, 7, 16, COLOR_RGBA, {}),
    ("pal1", 17, 3, 1, COLOR_PALETTE, {}), ("pal2", 10, 3, 2, COLOR_PALETTE, {}),
    ("pal4", 9, 4, 4, COLOR_PALETTE, {}), ("pal8", 20, 20, 8, COLOR_PALETTE, {}),
    ("pal1-trns", 17, 3, 1, COLOR_PALETTE, {"trns": True}),
    ("pal2-trns", 10, 3, 2, COLOR_PALETTE, {"trns": True}),
    ("pal4-trns", 9, 4, 4, COLOR_PALETTE, {"trns": True}),
    ("pal8-trns", 20, 20, 8, COLOR_PALETTE, {"trns": True}),
    ("gray1-adam7", 19, 13, 1, COLOR_GRAY, {"interlace": 1}),
    ("gray8-adam7", 11, 9, 8, COLOR_GRAY, {"interlace": 1}),
    ("rgba8-adam7", 11, 9, 8, COLOR_RGBA, {"interlace": 1}),
    ("pal4-adam7", 10, 10, 4, COLOR_PALETTE, {"interlace": 1}),
    ("rgb16-adam7", 3, 2, 16, COLOR_RGB, {"interlace": 1}),
    ("gray8-1x1", 1, 1, 8, COLOR_GRAY, {}), ("rgb8-300x2", 300, 2, 8, COLOR_RGB, {}),
    # gAMA 1.0 and an sRGB chunk must not change the samples (PIL ignores them).
    ("rgb8-gamma10", 6, 6, 8, COLOR_RGB, {"extra": [(b"gAMA", struct.pack(">I", 100000))]}),
    ("gray16-gamma10", 6, 6, 16, COLOR_GRAY, {"extra": [(b"gAMA", struct.pack(">I", 100000))]}),
    ("rgba8-srgb", 6, 6, 8, COLOR_RGBA, {"extra": [(b"sRGB", b"\x00")]}),
]


def write_broken():
    """Broken files and the error each must give (a substring of the message after the path;
    libpng's own `png_image.message` where libpng detects the problem)."""
    good = png_bytes(8, 8, 8, COLOR_GRAY, [[(x * y,) for x in range(8)] for y in range(8)])
    bad_crc = bytearray(good)
    idat = bad_crc.index(b"IDAT")
    length = struct.unpack(">I", bad_crc[idat - 4:idat])[0]
    bad_crc[idat + 4 + length] ^= 0xFF  # first CRC byte of IDAT
    zero = b"\x89PNG\r\n\x1a\n" + ihdr(0, 4, 8, COLOR_GRAY) + chunk(b"IDAT", zlib.compress(b"")) \
        + chunk(b"IEND", b"")
    huge = b"\x89PNG\r\n\x1a\n" + ihdr(60000, 60000, 8, COLOR_GRAY) \
        + chunk(b"IDAT", zlib.compress(b"\x00" * 60001)) + chunk(b"IEND", b"")
    broken = {
        "broken-empty.png": (b"", "empty file"),
        "broken-not-png.png": (b"this is a text file, not a PNG\n", "Not a PNG file"),
        "broken-truncated.png": (good[: len(good) - 30], "read beyond end of data"),
        "broken-bad-crc.png": (bytes(bad_crc), "IDAT: CRC error"),
        "broken-zero-width.png": (zero, "Invalid IHDR data"),
        "broken-huge.png": (huge, "60000"),
    }
    for name, (data, _) in broken.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    return [{"file": name, "message": msg} for name, (_, msg) in broken.items()]


def main():
    os.makedirs(OUT, exist_ok=True)
    valid = [make_image(n, w, h, d, c, **o) for n, w, h, d, c, o in VALID]
    manifest = {"valid": valid, "broken": write_broken()}
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"{len(valid)} valid and {len(manifest['broken'])} broken PNGs in {OUT}")


if __name__ == "__main__":
    main()
