#!/usr/bin/env python3
"""A simple non-spiking baseline for FirstSpike's held-out digit sets: a multilayer perceptron
(784-256-10, ReLU, softmax) and a logistic regression (784-10), both trained on the 60 000 MNIST
training images (datasets/mnist) with plain numpy, then scored on images exactly as the spiking
model saw them (written by `classify --write-inputs`, see scripts/heldout_accuracy.py --inputs),
so both get the same preprocessing.

Usage:
  python3 scripts/baseline_mlp.py INPUTS_FOLDER [INPUTS_FOLDER...]   (each: <variant>/<digit>/*.png)
Prints one Markdown row per model and folder: accuracy in % per variant, and MNIST test accuracy.
Training is seeded (numpy default_rng(0)) and takes about a minute on two cores; the weights are
cached in scratch/baseline-weights.npz.
"""
import glob
import gzip
import os
import sys

import numpy as np
from PIL import Image

MNIST = "datasets/mnist"
CACHE = "scratch/baseline-weights.npz"


def idx(path):
  data = gzip.open(path).read()
  if data[3] == 3:
    n, r, c = (int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(3))
    return np.frombuffer(data[16:], np.uint8).reshape(n, r * c).astype(np.float32) / 255
  return np.frombuffer(data[8:], np.uint8).astype(np.int64)


def train(x, y, hidden, epochs, lr, rng):
  """Minibatch SGD with momentum 0.9 on the cross-entropy; hidden = 0 is logistic regression."""
  sizes = [784, hidden, 10] if hidden else [784, 10]
  ws = [rng.normal(0, np.sqrt(2 / a), (a, b)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
  bs = [np.zeros(b, np.float32) for b in sizes[1:]]
  vel = [np.zeros_like(p) for p in ws + bs]
  for epoch in range(epochs):
    order = rng.permutation(len(x))
    rate = lr * (0.5 ** (epoch // 4))
    for s in range(0, len(x), 128):
      batch = order[s:s + 128]
      acts = [x[batch]]
      for i, (w, b) in enumerate(zip(ws, bs)):
        z = acts[-1] @ w + b
        acts.append(np.maximum(z, 0) if i < len(ws) - 1 else z)
      p = np.exp(acts[-1] - acts[-1].max(1, keepdims=True))
      p /= p.sum(1, keepdims=True)
      p[np.arange(len(batch)), y[batch]] -= 1
      grad = p / len(batch)
      grads_w, grads_b = [], []
      for i in reversed(range(len(ws))):
        grads_w.insert(0, acts[i].T @ grad)
        grads_b.insert(0, grad.sum(0))
        if i > 0:
          grad = (grad @ ws[i].T) * (acts[i] > 0)
      for j, (p_, g) in enumerate(zip(ws + bs, grads_w + grads_b)):
        vel[j] = 0.9 * vel[j] - rate * g
        p_ += vel[j]
  return ws, bs


def predict(model, x):
  ws, bs = model
  a = x
  for i, (w, b) in enumerate(zip(ws, bs)):
    a = a @ w + b
    if i < len(ws) - 1:
      a = np.maximum(a, 0)
  return a.argmax(1)


def models():
  if os.path.exists(CACHE):
    z = np.load(CACHE)
    return {"mlp": ([z["mw0"], z["mw1"]], [z["mb0"], z["mb1"]]), "logistic": ([z["lw0"]], [z["lb0"]])}
  x, y = idx(f"{MNIST}/train-images-idx3-ubyte.gz"), idx(f"{MNIST}/train-labels-idx1-ubyte.gz")
  rng = np.random.default_rng(0)
  mlp = train(x, y, 256, 12, 0.05, rng)
  logistic = train(x, y, 0, 12, 0.05, rng)
  os.makedirs(os.path.dirname(CACHE), exist_ok=True)
  np.savez(CACHE, mw0=mlp[0][0], mw1=mlp[0][1], mb0=mlp[1][0], mb1=mlp[1][1], lw0=logistic[0][0], lb0=logistic[1][0])
  return {"mlp": mlp, "logistic": logistic}


def main():
  trained = models()
  xt, yt = idx(f"{MNIST}/t10k-images-idx3-ubyte.gz"), idx(f"{MNIST}/t10k-labels-idx1-ubyte.gz")
  for folder in sys.argv[1:]:
    variants = sorted(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d)))
    print(f"inputs: {folder}")
    print("| baseline | MNIST test | " + " | ".join(variants) + " |")
    print("|---|---|" + "---|" * len(variants))
    for name, model in trained.items():
      row = [f"{100 * (predict(model, xt) == yt).mean():.2f}"]
      for v in variants:
        correct = total = 0
        for digit_dir in sorted(glob.glob(os.path.join(folder, v, "*"))):
          files = sorted(glob.glob(os.path.join(digit_dir, "*.png")))
          x = np.stack([np.asarray(Image.open(f).convert("L"), np.float32).reshape(-1) / 255 for f in files])
          correct += (predict(model, x) == int(os.path.basename(digit_dir))).sum()
          total += len(files)
        row.append(f"{100 * correct / total:.1f}")
      print(f"| {name} | " + " | ".join(row) + " |")


if __name__ == "__main__":
  main()
