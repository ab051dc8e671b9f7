#!/usr/bin/python3
"""Checks the screenshot of a `firstspike report` page (scripts/check-report-page.sh).

Fails, naming what is wrong, unless the picture is a rendered report of the shallow-rstdp
checkpoint:
  1. the size asked for;
  2. the title band across the top in the page's band colour (ReportPage.bandColor);
  3. not blank: plenty of ink and of distinct colours below the band;
  4. the learning curve's test line (blue), and below it the confusion heat map: the viridis
     yellow of the right cells and the dark purple of the empty ones;
  5. the red of the best-pass ring, the winning neuron and the decided class.
Needs Pillow (Debian's python3-pil, installed by `make deps-report`).
Usage: check_report_png.py SCREENSHOT WIDTH HEIGHT
"""
import sys

from PIL import Image

BAND = (0x1F, 0x3B, 0x57)
TARGETS = {  # colour, tolerance per component, fewest pixels
    "learning-curve test line": ((0x1F, 0x4E, 0x9C), 12, 200),
    "heat-map yellow (right answers)": ((0xFD, 0xE7, 0x25), 30, 8000),
    "heat-map purple (no images)": ((0x44, 0x01, 0x54), 20, 3000),
    "highlight red": ((0xC0, 0x18, 0x2B), 24, 40),
}


def near(p, q, tol):
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def count(region, colour, tol):
    return sum(n for n, p in region.getcolors(region.width * region.height) if near(p, colour, tol))


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    image = Image.open(path).convert("RGB")
    width, height = image.size
    failures = []
    if (width, height) != (want_w, want_h):
        failures.append(f"size {width}×{height}, expected {want_w}×{want_h}")
    band_region = image.crop((4, 4, width - 4, 44))
    band = count(band_region, BAND, 6) / (band_region.width * band_region.height)
    if band < 0.7:
        failures.append(f"title band: {100 * band:.0f} % of the top rows in #1f3b57, expected at least 70 %")
    body = image.crop((0, 90, width, height))
    colours = body.getcolors(body.width * body.height)
    ink = 1 - sum(n for n, p in colours if p == (255, 255, 255)) / (body.width * body.height)
    if ink < 0.05 or len(colours) < 300:
        failures.append(f"blank: {100 * ink:.1f} % ink, {len(colours)} distinct colours")
    first_row, found = {}, {}
    for name, (colour, tol, fewest) in TARGETS.items():
        found[name] = sum(n for n, p in colours if near(p, colour, tol))
        if found[name] < fewest:
            failures.append(f"{name}: {found[name]} pixels, expected at least {fewest}")
        for y in range(90, height, 8):
            if count(image.crop((0, y, width, min(height, y + 8))), colour, tol) > 0:
                first_row[name] = y
                break
    line, heat = first_row.get("learning-curve test line"), first_row.get("heat-map yellow (right answers)")
    if line is not None and heat is not None and line >= heat:
        failures.append(f"the learning curve (from y {line}) should come above the heat map (from y {heat})")
    summary = (f"{path}: {width}×{height}, title band {100 * band:.0f} %, ink {100 * ink:.1f} %, {len(colours)} colours; "
               + ", ".join(f"{k} {v} px from y {first_row.get(k)}" for k, v in found.items()))
    if failures:
        sys.exit(summary + "\nFAILED: " + "; ".join(failures))
    print(summary + "\nOK")


main()
