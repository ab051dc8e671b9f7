#!/usr/bin/env python3
"""Writes FirstSpike's held-out real-world digit sets: handwritten and drawn digits that no
MNIST model was trained on, in the forms people bring them to `firstspike classify`.

Nothing is downloaded. The sources:
  * scikit-learn's bundled `load_digits` (UCI "optical recognition of handwritten digits":
    1 797 digits written by 43 people, scanned, 8x8 with 17 levels) - handwriting from
    another source than MNIST;
  * digits drawn as pen strokes (hand-written stroke templates of every digit, two styles
    for 1, 4 and 7, with random control-point jitter, slant, size and position), as drawn in
    a paint program or on a web canvas;
  * digits set in the installed DejaVu fonts (printed digits, random rotation and shear).

Variants (one folder each, `<out>/<variant>/<digit>/<n>.png`, the image-folder layout):
  mnist-style    load_digits, framed like MNIST: white ink on black, longest side 20 px,
                 centre of mass at the centre of 28x28
  inverted       the same images, black ink on white
  large-canvas   load_digits on a 200x200 black canvas, white ink, 50-150 px, off-centre
  black-on-white load_digits on a 200x200 white canvas, black ink, off-centre
  transparent    load_digits as black ink on a transparent 200x200 canvas (RGBA, RGB 0, the
                 ink in the alpha channel), as a web canvas exports it
  coloured-paper load_digits in blue, black-blue or red ink on off-white, slightly shaded and
                 noisy paper, 240x200 (RGB)
  paint-thick    stroke digits, black 24 px pen on a 280x280 white canvas
  paint-white    the same strokes white on black (the polarity MNIST has)
  fonts          printed digits from the DejaVu fonts, framed like MNIST

Large-canvas load_digits strokes are upscaled from 8x8 (bicubic) and sharpened with a
sigmoid, so they have crisp edges like a pen stroke rather than an 8x8 blur.

Every draw comes from one seeded generator, so the same command writes the same files.
Usage: python3 scripts/make_heldout_digits.py OUT_FOLDER [--per-digit N]
Needs numpy, Pillow and scikit-learn (pip install numpy pillow scikit-learn).
"""

import argparse
import glob
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFont

SEED = 20240917


def centre_of_mass_frame(ink, box=20, frame=28):
  """MNIST's framing: ink (float 0..1) cropped to its bounding box, longest side scaled to
  `box` keeping the aspect ratio (antialiased), then pasted so that its centre of mass lies
  at the centre of a `frame` x `frame` image (white ink on black, uint8)."""
  ys, xs = np.nonzero(ink > 0.02)
  crop = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
  h, w = crop.shape
  s = box / max(h, w)
  nw, nh = max(1, round(w * s)), max(1, round(h * s))
  img = Image.fromarray(np.uint8(np.clip(crop * 255, 0, 255))).resize((nw, nh), Image.LANCZOS)
  small = np.asarray(img, dtype=np.float64)
  out = np.zeros((frame, frame))
  total = small.sum()
  cy = (small.sum(1) * np.arange(nh)).sum() / total
  cx = (small.sum(0) * np.arange(nw)).sum() / total
  oy = int(round((frame - 1) / 2 - cy))
  ox = int(round((frame - 1) / 2 - cx))
  oy = min(max(oy, 0), frame - nh)
  ox = min(max(ox, 0), frame - nw)
  out[oy:oy + nh, ox:ox + nw] = small
  return np.uint8(np.clip(out, 0, 255))


def sklearn_master(image8, rng, side):
  """An 8x8 load_digits image (0..16) as a crisp-edged ink map (float 0..1) whose longest
  side is about `side` pixels."""
  v = image8 / 16.0
  ys, xs = np.nonzero(v > 0)
  crop = v[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
  h, w = crop.shape
  s = side / max(h, w)
  up = Image.fromarray(np.uint8(crop * 255)).resize((max(1, round(w * s)), max(1, round(h * s))), Image.BICUBIC)
  u = np.asarray(up, dtype=np.float64) / 255
  sharp = 1 / (1 + np.exp(-(u - 0.35) * 14))
  return np.clip((sharp - sharp.min()) / max(1e-9, sharp.max() - sharp.min()), 0, 1)


def place(ink, canvas, rng, margin=4):
  """`ink` pasted at a random position of a canvas (w, h); returns the ink map of the canvas."""
  cw, ch = canvas
  h, w = ink.shape
  out = np.zeros((ch, cw))
  y = rng.integers(margin, max(margin + 1, ch - h - margin))
  x = rng.integers(margin, max(margin + 1, cw - w - margin))
  out[y:y + h, x:x + w] = ink[:min(h, ch - y), :min(w, cw - x)]
  return out


def paper(rng, w, h):
  """Off-white paper: a tint, a soft shading gradient and sensor noise (float RGB 0..255)."""
  base = np.array([rng.uniform(228, 250), rng.uniform(222, 245), rng.uniform(200, 232)])
  gy, gx = np.mgrid[0:h, 0:w]
  shade = 1 - 0.08 * ((gx / w) * rng.uniform(-1, 1) + (gy / h) * rng.uniform(-1, 1))
  img = base[None, None, :] * shade[:, :, None]
  return img + rng.normal(0, 3.5, size=img.shape)


INKS = [(25, 55, 165), (20, 25, 60), (175, 30, 35)]

# Pen-stroke templates in a unit box (x right, y down); each digit a list of styles, each
# style a list of strokes, each stroke a list of control points (a Catmull-Rom spline goes
# through them).
def _ellipse(cx, cy, rx, ry, a0=0.0, a1=2 * np.pi, n=14):
  t = np.linspace(a0, a1, n)
  return [(cx + rx * np.sin(a), cy - ry * np.cos(a)) for a in t]


TEMPLATES = {
  0: [[_ellipse(0.5, 0.5, 0.28, 0.42, 0.0, 2 * np.pi + 0.3)]],
  1: [[[(0.52, 0.08), (0.5, 0.5), (0.48, 0.92)]],
      [[(0.3, 0.28), (0.5, 0.08), (0.5, 0.5), (0.49, 0.92)]]],
  2: [[[(0.24, 0.3), (0.32, 0.14), (0.52, 0.08), (0.72, 0.18), (0.74, 0.36), (0.55, 0.58),
        (0.24, 0.9), (0.5, 0.89), (0.8, 0.9)]]],
  3: [[[(0.25, 0.16), (0.5, 0.07), (0.72, 0.18), (0.68, 0.36), (0.45, 0.47), (0.72, 0.58),
        (0.75, 0.78), (0.55, 0.92), (0.24, 0.85)]]],
  4: [[[(0.62, 0.08), (0.4, 0.38), (0.2, 0.66), (0.5, 0.66), (0.84, 0.65)],
       [(0.66, 0.36), (0.66, 0.65), (0.65, 0.93)]],
      [[(0.3, 0.08), (0.25, 0.4), (0.27, 0.6), (0.55, 0.6), (0.82, 0.58)],
       [(0.72, 0.1), (0.7, 0.5), (0.68, 0.93)]]],
  5: [[[(0.76, 0.1), (0.5, 0.1), (0.3, 0.1)], [(0.31, 0.1), (0.28, 0.3), (0.27, 0.46), (0.5, 0.4),
        (0.72, 0.5), (0.76, 0.7), (0.62, 0.88), (0.42, 0.9), (0.24, 0.82)]]],
  6: [[[(0.7, 0.1), (0.48, 0.22), (0.32, 0.45), (0.27, 0.68), (0.36, 0.88), (0.58, 0.9),
        (0.72, 0.72), (0.62, 0.54), (0.42, 0.54), (0.29, 0.66)]]],
  7: [[[(0.2, 0.12), (0.5, 0.11), (0.8, 0.12), (0.62, 0.45), (0.45, 0.92)]],
      [[(0.2, 0.12), (0.5, 0.11), (0.8, 0.12), (0.62, 0.45), (0.45, 0.92)], [(0.38, 0.5), (0.75, 0.49)]]],
  8: [[[(0.5, 0.48), (0.3, 0.34), (0.34, 0.14), (0.5, 0.08), (0.67, 0.14), (0.7, 0.33), (0.5, 0.48),
        (0.27, 0.64), (0.3, 0.86), (0.5, 0.93), (0.7, 0.86), (0.73, 0.65), (0.5, 0.48)]]],
  9: [[[(0.7, 0.3), (0.6, 0.12), (0.42, 0.1), (0.28, 0.24), (0.32, 0.44), (0.5, 0.5), (0.68, 0.4),
        (0.72, 0.28), (0.7, 0.6), (0.64, 0.92)]]],
}


def catmull_rom(points, n=12):
  p = np.asarray(points, dtype=np.float64)
  p = np.vstack([p[0], p, p[-1]])
  out = []
  for i in range(1, len(p) - 2):
    p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
    for t in np.linspace(0, 1, n, endpoint=False):
      t2, t3 = t * t, t * t * t
      out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                        + (-p0 + 3 * p1 - 3 * p2 + p3) * t3))
  out.append(p[-2])
  return np.array(out)


def stroke_digit(digit, rng, canvas=280, pen=24):
  """A digit drawn with a round pen of width `pen` on a `canvas`-pixel square: white ink on
  black, float 0..1 (antialiased by drawing at 4x and downsampling)."""
  style = TEMPLATES[digit][rng.integers(len(TEMPLATES[digit]))]
  scale = 4
  big = Image.new("L", (canvas * scale, canvas * scale), 0)
  draw = ImageDraw.Draw(big)
  size = rng.uniform(0.55, 0.8) * canvas
  aspect = rng.uniform(0.75, 1.15)
  slant = rng.uniform(-0.25, 0.2)
  x0 = rng.uniform(0.05 * canvas, canvas - 0.05 * canvas - size * 0.8)
  y0 = rng.uniform(0.04 * canvas, canvas - 0.04 * canvas - size)
  for stroke in style:
    pts = np.asarray(stroke) + rng.normal(0, 0.025, size=(len(stroke), 2))
    curve = catmull_rom(pts)
    xs = x0 + (curve[:, 0] * aspect * 0.8 + slant * (1 - curve[:, 1])) * size
    ys = y0 + curve[:, 1] * size
    line = [(float(x * scale), float(y * scale)) for x, y in zip(xs, ys)]
    draw.line(line, fill=255, width=pen * scale, joint="curve")
    r = pen * scale / 2
    for x, y in (line[0], line[-1]):
      draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
  small = big.resize((canvas, canvas), Image.BOX)
  return np.asarray(small, dtype=np.float64) / 255


def font_digit(digit, font_path, rng):
  font = ImageFont.truetype(font_path, 120)
  img = Image.new("L", (200, 200), 0)
  ImageDraw.Draw(img).text((100, 100), str(digit), fill=255, font=font, anchor="mm")
  shear = rng.uniform(-0.2, 0.2)
  img = img.transform((200, 200), Image.AFFINE, (1, shear, -shear * 100, 0, 1, 0), Image.BICUBIC)
  img = img.rotate(rng.uniform(-12, 12), Image.BICUBIC)
  return np.asarray(img, dtype=np.float64) / 255


def save_gray(path, pixels):
  Image.fromarray(np.uint8(np.clip(np.rint(pixels), 0, 255)), "L").save(path)


def main():
  parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  parser.add_argument("out")
  parser.add_argument("--per-digit", type=int, default=100,
                      help="stroke and font digits per class (load_digits: all 1797)")
  args = parser.parse_args()
  from sklearn.datasets import load_digits

  rng = np.random.default_rng(SEED)
  digits = load_digits()
  variants = ["mnist-style", "inverted", "large-canvas", "black-on-white", "transparent",
              "coloured-paper", "paint-thick", "paint-white", "fonts"]
  for v in variants:
    for d in range(10):
      os.makedirs(os.path.join(args.out, v, str(d)), exist_ok=True)
  counts = {v: 0 for v in variants}

  def path(variant, digit, n):
    counts[variant] += 1
    return os.path.join(args.out, variant, str(digit), f"{n:04d}.png")

  for n, (image8, digit) in enumerate(zip(digits.images, digits.target)):
    framed = centre_of_mass_frame(sklearn_master(image8, rng, 80))
    save_gray(path("mnist-style", digit, n), framed)
    save_gray(path("inverted", digit, n), 255 - framed.astype(np.float64))
    ink = place(sklearn_master(image8, rng, rng.uniform(50, 150)), (200, 200), rng)
    save_gray(path("large-canvas", digit, n), ink * 255)
    ink = place(sklearn_master(image8, rng, rng.uniform(50, 150)), (200, 200), rng)
    save_gray(path("black-on-white", digit, n), 255 - ink * 255)
    ink = place(sklearn_master(image8, rng, rng.uniform(50, 150)), (200, 200), rng)
    rgba = np.zeros((200, 200, 4), dtype=np.uint8)
    rgba[:, :, 3] = np.uint8(np.clip(np.rint(ink * 255), 0, 255))
    Image.fromarray(rgba, "RGBA").save(path("transparent", digit, n))
    ink = place(sklearn_master(image8, rng, rng.uniform(50, 150)), (240, 200), rng)
    colour = np.array(INKS[rng.integers(len(INKS))], dtype=np.float64)
    strength = ink[:, :, None] * rng.uniform(0.75, 0.95)
    rgb = paper(rng, 240, 200) * (1 - strength) + colour[None, None, :] * strength
    Image.fromarray(np.uint8(np.clip(np.rint(rgb), 0, 255)), "RGB").save(path("coloured-paper", digit, n))

  fonts = sorted(glob.glob("/usr/share/fonts/truetype/dejavu/*.ttf"))
  fonts = [f for f in fonts if "MathTeX" not in f]
  for digit in range(10):
    for n in range(args.per_digit):
      ink = stroke_digit(digit, rng)
      save_gray(path("paint-thick", digit, n), 255 - ink * 255)
      save_gray(path("paint-white", digit, n), ink * 255)
      if fonts:
        save_gray(path("fonts", digit, n), centre_of_mass_frame(font_digit(digit, fonts[n % len(fonts)], rng)))
  for v in variants:
    print(f"{v}: {counts[v]} images")


if __name__ == "__main__":
  main()
