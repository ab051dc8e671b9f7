#!/bin/bash
# Times S4NN's own implementation (github.com/SRKH/S4NN, numpy on the CPU) on the first N
# MNIST training images, for the side-by-side figure in BENCHMARKS.md. Their S4NN.py is copied
# into a temporary folder and changed only where it must be to run here: GPU=False (cupy → numpy),
# MNIST read from our IDX files (a 10-line stand-in for python-mnist), the training loop cut
# after N images, and a print of the training loop's seconds before the test evaluation.
# Nothing of theirs enters this repository.
#
#   scripts/bench_s4nn_peer.sh S4NN_DIR [N] [MNIST_DIR]    (N: 2000; MNIST_DIR: datasets/mnist)
set -euo pipefail
peer=${1:?usage: bench_s4nn_peer.sh S4NN_DIR [N] [MNIST_DIR]}
n=${2:-2000}
mnist=$(cd "${3:-datasets/mnist}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/mnist.py" <<EOF
import gzip, numpy as np
def _idx(name):
    with gzip.open("$mnist/" + name) as f:
        d = f.read()
    dims = d[3]
    shape = [int.from_bytes(d[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(d, np.uint8, offset=4 + 4 * dims).reshape(shape).astype(np.int64)
class MNIST:
    def __init__(self, path): pass
    def load_training(self):
        return _idx("train-images-idx3-ubyte.gz")[:$n].reshape($n, 784), [int(v) for v in _idx("train-labels-idx1-ubyte.gz")[:$n]]
    def load_testing(self):
        return _idx("t10k-images-idx3-ubyte.gz")[:10].reshape(10, 784), [int(v) for v in _idx("t10k-labels-idx1-ubyte.gz")[:10]]
EOF
sed -e 's/^GPU=True/GPU=False/' \
    -e 's/^    # Evaluating on test samples/    print("S4NN training: %d images in %.3f s" % (len(images), time.time() - start_time)); raise SystemExit/' \
    "$peer/S4NN.py" > "$work/S4NN.py"
grep -q 'raise SystemExit' "$work/S4NN.py" || { echo "bench_s4nn_peer.sh: S4NN.py changed; the patch did not apply" >&2; exit 1; }
cd "$work" && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 S4NN.py
