#!/usr/bin/env python3
"""Hostile-input probes of the firstspike binary (issue #12's acceptance table).

Builds absurd specs, crafted checkpoints (valid zstd frame and checksum, hostile contents),
hostile IDX and PNG files, non-regular files and bad option values in a temporary folder, runs
the binary on each with a time limit and a 8 GiB address-space limit, and sorts the outcomes:
refused (exit 1 with one line `firstspike: error: …`, or an option error of the argument
parser, exit 64), crash (a signal or any other status), hang (time limit), accepted (exit 0:
silent acceptance). Prints one table row per group, then every probe that was not refused.

Usage: scripts/hostile_probes.py [binary] [--timeout S] [--json FILE]
Needs python3 and the zstd command (to write crafted checkpoints); run from anywhere.
"""
import gzip, json, os, resource, shutil, stat, struct, subprocess, sys, tempfile, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
B = os.path.abspath(args[0]) if args and not args[0].startswith("--") else os.path.join(ROOT, ".build/release/firstspike")
TIMEOUT = float(args[args.index("--timeout") + 1]) if "--timeout" in args else 60
JSON_OUT = args[args.index("--json") + 1] if "--json" in args else None
T = tempfile.mkdtemp(prefix="firstspike-probes-")
MNIST = os.path.join(ROOT, "datasets/mnist")
CK = os.path.join(ROOT, "checkpoints")


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))


def run(argv, timeout=None):
    try:
        p = subprocess.run([B] + argv, cwd=ROOT, capture_output=True, text=True, errors="replace",
                           timeout=timeout or TIMEOUT, preexec_fn=limit, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return "hang", None, ""
    # Notes and warnings (an unfinished stage evaluated, an unusual image) are not errors.
    err = [l for l in p.stderr.strip().splitlines() if not l.startswith(("firstspike: note:", "firstspike: warning:"))]
    if p.returncode == 0:
        return "accepted", 0, (p.stdout.strip().splitlines() or [""])[-1]
    if p.returncode == 1 and len(err) == 1 and err[0].startswith("firstspike: error: "):
        return "refused", 1, err[0]
    if p.returncode == 64 and err and err[0].startswith("Error: "):
        return "refused", 64, err[0]
    return "crash", p.returncode, (err[-1] if err else "")


# ---- checkpoint container (docs/checkpoint-format.md), to craft files with valid frames ----

def read_archive(path):
    data = open(path, "rb").read()
    payload = subprocess.run(["zstd", "-dqc"], input=data[16:], capture_output=True, check=True).stdout
    n = struct.unpack("<I", payload[:4])[0]
    header = json.loads(payload[4:4 + n])
    base = 4 + n
    blobs = {b["name"]: payload[base + b["offset"]:base + b["offset"] + b["byteCount"]] for b in header["blobs"]}
    tensors = [(t["name"], t["dtype"], t["shape"], payload[base + t["offset"]:base + t["offset"] + t["byteCount"]])
               for t in header["tensors"]]
    return blobs, tensors


def write_archive(path, blobs, tensors):
    header, data = {"blobs": [], "tensors": [], "writer": "probe"}, b""
    for name, b in blobs.items():
        header["blobs"].append({"name": name, "offset": len(data), "byteCount": len(b)})
        data += b
    for name, dtype, shape, b in tensors:
        header["tensors"].append({"name": name, "dtype": dtype, "shape": shape, "offset": len(data), "byteCount": len(b)})
        data += b
    h = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    payload = struct.pack("<I", len(h)) + h + data
    frame = subprocess.run(["zstd", "-q", "-c", "--check", "-3", "--stream-size=%d" % len(payload)], input=payload, capture_output=True, check=True).stdout
    open(path, "wb").write(b"FSPK\r\n\x1a\n" + struct.pack("<II", 1, 0) + frame)
    return path


def crafted(source, name, edit):
    blobs, tensors = read_archive(source)
    blobs = {k: v for k, v in blobs.items()}
    tensors = list(tensors)
    edit(blobs, tensors)
    return write_archive(os.path.join(T, name), blobs, tensors)


def edit_json(blobs, name, fn):
    j = json.loads(blobs[name])
    fn(j)
    blobs[name] = json.dumps(j, sort_keys=True, separators=(",", ":")).encode()


def set_tensor(tensors, name, fn):
    for i, (n, d, s, b) in enumerate(tensors):
        if n == name:
            tensors[i] = fn(n, d, s, b)


# ---- hostile files ----

def png_chunk(t, data, length=None):
    n = len(data) if length is None else length
    return struct.pack(">I", n) + t + data + struct.pack(">I", zlib.crc32(t + data) & 0xffffffff)


SIG = b"\x89PNG\r\n\x1a\n"
IHDR28 = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0))


def file(name, data):
    p = os.path.join(T, name)
    open(p, "wb").write(data)
    return p


def fifo(name):
    p = os.path.join(T, name)
    os.mkfifo(p)
    return p


def mnist_folder(name, labels=None, images_payload=None):
    d = os.path.join(T, name)
    os.makedirs(d)
    for f in ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]:
        os.symlink(os.path.join(MNIST, f), os.path.join(d, f))
    if images_payload is not None:
        open(os.path.join(d, "t10k-images-idx3-ubyte.gz"), "wb").write(images_payload)
    else:
        os.symlink(os.path.join(MNIST, "t10k-images-idx3-ubyte.gz"), os.path.join(d, "t10k-images-idx3-ubyte.gz"))
    if labels is not None:
        open(os.path.join(d, "t10k-labels-idx1-ubyte"), "wb").write(struct.pack(">II", 0x801, len(labels)) + bytes(labels))
    else:
        os.symlink(os.path.join(MNIST, "t10k-labels-idx1-ubyte.gz"), os.path.join(d, "t10k-labels-idx1-ubyte.gz"))
    return d


def spec(model):
    return json.loads(subprocess.run([B, "inspect", "--spec", model], capture_output=True, text=True, cwd=ROOT).stdout)


def spec_mutations():
    """(name, base model, edit) for absurd single-spike specs."""
    def L(i, key, v):
        return lambda s: s["layers"][i].__setitem__(key, v)

    def TR(i, key, v):
        return lambda s: s["layers"][i]["training"].__setitem__(key, v)

    def E(key, v):
        return lambda s: s["encoder"].__setitem__(key, v)

    def K(i, kind, **kw):
        return lambda s: s["encoder"]["kernels"].__setitem__(i, {kind: kw})

    def both(*fs):
        return lambda s: [f(s) for f in fs]
    m = "mozafari2019"
    return [
        ("layers[0].inputPadding -1", m, L(0, "inputPadding", -1)),
        ("layers[2].inputPadding -1", m, L(2, "inputPadding", -1)),
        ("kernel 0", m, L(0, "kernel", 0)),
        ("kernel -5", m, L(1, "kernel", -5)),
        ("kernel 10000", m, L(0, "kernel", 10000)),
        ("timeSteps 0", m, E("timeSteps", 0)),
        ("timeSteps 300", m, E("timeSteps", 300)),
        ("timeSteps -1", m, E("timeSteps", -1)),
        ("inputWidth 0", m, lambda s: s.__setitem__("inputWidth", 0)),
        ("inputHeight -28", m, lambda s: s.__setitem__("inputHeight", -28)),
        ("inputWidth 100000", m, lambda s: s.__setitem__("inputWidth", 100000)),
        ("no encoder kernels", m, E("kernels", [])),
        ("300 encoder kernels", m, E("kernels", [{"dog": {"size": 3, "sigma1": 0.3, "sigma2": 0.6}}] * 300)),
        ("no layers", m, lambda s: s.__setitem__("layers", [])),
        ("inChannels 7 after 6 filters", m, L(0, "inChannels", 7)),
        ("channel chain 30→31", m, L(1, "inChannels", 31)),
        ("outChannels 0", m, L(0, "outChannels", 0)),
        ("outChannels -1", m, L(1, "outChannels", -1)),
        ("outChannels 1e9", m, both(L(1, "outChannels", 10**9), L(2, "inChannels", 10**9))),
        ("outChannels 65536 × kernel 5 (memory)", m, both(L(1, "outChannels", 65536), L(2, "inChannels", 65536))),
        ("passes 0", m, TR(0, "passes", 0)),
        ("passes -3", m, TR(2, "passes", -3)),
        ("winners 0", m, TR(0, "winners", 0)),
        ("winners -1", m, TR(1, "winners", -1)),
        ("dropout 2.0", m, TR(2, "dropout", 2.0)),
        ("dropout -1", m, TR(2, "dropout", -1)),
        ("inputDropout 1.5", m, TR(2, "inputDropout", 1.5)),
        ("lowerBound above upperBound", m, both(TR(2, "lowerBound", 0.9), TR(2, "upperBound", 0.1))),
        ("featuresPerClass 0", m, lambda s: s.__setitem__("readout", {"decision": {"featuresPerClass": 0}})),
        ("featuresPerClass 7 (does not divide 200)", m, lambda s: s.__setitem__("readout", {"decision": {"featuresPerClass": 7}})),
        ("decision layer 150 ≠ 10 × 20", m, L(2, "outChannels", 150)),
        ("DoG size 4 (even)", m, K(0, "dog", size=4, sigma1=0.3, sigma2=0.6)),
        ("DoG size 0", m, K(0, "dog", size=0, sigma1=0.3, sigma2=0.6)),
        ("DoG size -3", m, K(1, "dog", size=-3, sigma1=0.3, sigma2=0.6)),
        ("DoG sigma 0", m, K(0, "dog", size=3, sigma1=0, sigma2=0.6)),
        ("DoG equal sigmas (degenerate)", m, K(0, "dog", size=3, sigma1=0.5, sigma2=0.5)),
        ("DoG size 1 (constant)", m, K(0, "dog", size=1, sigma1=0.3, sigma2=0.6)),
        ("Gabor div 0", "shallow-rstdp", K(0, "gabor", size=3, orientation=45, div=0)),
        ("encoder padding -6", m, E("padding", -6)),
        ("encoder padding 100000", m, E("padding", 100000)),
        ("localNormalizationRadius -1", m, E("localNormalizationRadius", -1)),
        ("lateralInhibition of 100 distances", m, E("lateralInhibition", [0.1] * 100)),
        ("pool size 0", m, lambda s: s["layers"][1].__setitem__("inputPool", {"size": 0, "stride": 2, "padding": 0})),
        ("pool stride 0", m, lambda s: s["layers"][1].__setitem__("inputPool", {"size": 2, "stride": 0, "padding": 0})),
        ("pool padding -1", m, lambda s: s["layers"][1].__setitem__("inputPool", {"size": 2, "stride": 2, "padding": -1})),
        ("pool window 100", m, lambda s: s["layers"][1].__setitem__("inputPool", {"size": 100, "stride": 1, "padding": 0})),
        ("R-STDP on layer 1", m, TR(0, "rule", "rstdp")),
        ("R-STDP with an SVM readout", "kheradpisheh2018", TR(1, "rule", "rstdp")),
        ("svm c 0", "kheradpisheh2018", lambda s: s["readout"]["svm"].__setitem__("c", 0)),
        ("svm c -1", "kheradpisheh2018", lambda s: s["readout"]["svm"].__setitem__("c", -1)),
        ("svm pool size 0", "kheradpisheh2018", lambda s: s["readout"]["svm"].__setitem__("pool", {"size": 0, "stride": 2, "padding": 0})),
        ("inhibitionRadius -1", m, TR(0, "inhibitionRadius", -1)),
        ("doubleEvery -1", m, TR(0, "doubleEvery", -1)),
        ("adaptiveBatch -1", m, TR(2, "adaptiveBatch", -1)),
        ("weightStd -1", m, L(0, "weightStd", -1)),
        ("threshold 1e39 (not a Float)", m, L(0, "threshold", 1e39)),
        ("passDecay 0", m, TR(2, "passDecay", 0)),
        ("passDecay -1", m, TR(2, "passDecay", -1)),
        ("100 000 class names", m, lambda s: s.__setitem__("classNames", [str(i) for i in range(100000)])),
    ]


def rate_mutations():
    def S(key, v):
        return lambda s: s.__setitem__(key, v)
    return [
        ("neurons 0", S("neurons", 0)), ("neurons 1e9 (memory)", S("neurons", 10**9)), ("neurons -5", S("neurons", -5)),
        ("inputs 780 (not square)", S("inputs", 780)), ("inputs 0", S("inputs", 0)), ("dt 0", S("dt", 0)),
        ("time 1e12 (steps)", S("time", 1e12)), ("time below dt", S("time", 0.5)),
        ("intensity 2000 Hz", S("intensity", 2000)), ("maxRetries -1", S("maxRetries", -1)),
        ("wmin above wmax", lambda s: s["stdp"].update(wmin=2, wmax=1)),
        ("tcDecay 0", lambda s: s["excitatory"].__setitem__("tcDecay", 0)),
    ]


def probes():
    out = []  # (group, name, argv, expected outcome)
    add = lambda g, n, a, expect="refused": out.append((g, n, a, expect))
    moz, kh, dc = os.path.join(CK, "mozafari2019.fspk"), os.path.join(CK, "kheradpisheh2018.fspk"), os.path.join(CK, "diehlcook2015-n100.fspk")
    digit = file("digit.png", open(os.path.join(ROOT, "Tests/FirstSpikeTests/Fixtures/png/gray8.png"), "rb").read())
    train = ["--data", "datasets/mnist", "--skip-checksums", "--stage", "1", "--limit", "5"]

    # Memory safety (the first bullet).
    bad = spec("mozafari2019")
    bad["layers"][0]["inputPadding"] = -1
    p = file("pad.json", json.dumps(bad).encode())
    add("memory safety", "spec inputPadding -1: train", ["train", "--spec", p, "--checkpoint", os.path.join(T, "pad-new.fspk")] + train)
    c = crafted(moz, "pad.fspk", lambda b, t: edit_json(b, "spec", lambda s: s["layers"][0].__setitem__("inputPadding", -1)))
    add("memory safety", "checkpoint inputPadding -1: classify", ["classify", "--checkpoint", c, digit])
    add("memory safety", "checkpoint inputPadding -1: evaluate", ["evaluate", "--checkpoint", c, "--limit", "20", "--skip-checksums"])
    add("memory safety", "checkpoint inputPadding -1: train", ["train", "--checkpoint", c, "--data", "datasets/mnist", "--skip-checksums", "--stage", "3", "--limit", "5"])
    narrow = crafted(kh, "narrow-svm.fspk", lambda b, t: set_tensor(t, "svm.weight", lambda n, d, s, x: (n, d, [10, 101], x[:10 * 101 * 4])))
    add("memory safety", "svm.weight narrower than the features: evaluate", ["evaluate", "--checkpoint", narrow, "--limit", "20", "--skip-checksums"])
    add("memory safety", "svm.weight narrower than the features: classify", ["classify", "--checkpoint", narrow, digit])

    # Absurd specs, as spec files and inside checkpoints.
    for name, model, edit in spec_mutations():
        s = spec(model)
        edit(s)
        f = file("spec-%d.json" % len(out), json.dumps(s).encode())
        add("absurd specs (spec file)", name, ["train", "--spec", f, "--checkpoint", os.path.join(T, "s%d.fspk" % len(out))] + train)
        src = kh if model == "kheradpisheh2018" else (os.path.join(CK, "shallow-rstdp.fspk") if model == "shallow-rstdp" else moz)
        c = crafted(src, "spec-%d.fspk" % len(out), lambda b, t, s=s: b.__setitem__("spec", json.dumps(s).encode()))
        add("absurd specs (in a checkpoint)", name, ["evaluate", "--checkpoint", c, "--limit", "10", "--skip-checksums"])
    for name, edit in rate_mutations():
        s = spec("diehlcook2015")
        edit(s)
        c = crafted(dc, "rate-%d.fspk" % len(out), lambda b, t, s=s: b.__setitem__("rate-spec", json.dumps(s).encode()))
        add("absurd rate-coded specs (in a checkpoint)", name, ["evaluate", "--checkpoint", c, "--limit", "10", "--skip-checksums"])
        s["kind"] = "rate-coded"
        f = file("rate-%d.json" % len(out), json.dumps(s).encode())
        add("absurd rate-coded specs (spec file)", name, ["train", "--spec", f, "--checkpoint", os.path.join(T, "r%d.fspk" % len(out))] + train)
    for o in ["--set layers[0].kernel=-1", "--set layers[2].training.dropout=3", "--set encoder.timeSteps=0", "--neurons 0", "--neurons 1000000000", "--time 0"]:
        model = "diehlcook2015" if "neurons" in o or "time " in o else "mozafari2019"
        add("--set / --neurons / --time", o, ["train", "--model", model] + o.split() + ["--checkpoint", os.path.join(T, "o%d.fspk" % len(out))] + train)

    # Resume state, weights and records inside a checkpoint.
    def training(fn):
        return lambda b, t: edit_json(b, "training", fn)
    for name, fn in [("position past the end", lambda j: j["stages"][2].__setitem__("position", 10**9)),
                     ("empty rate list", lambda j: j["stages"][0].__setitem__("rates", [])),
                     ("empty punishment rates", lambda j: j["stages"][2].__setitem__("punishRates", [])),
                     ("passesDone above passes", lambda j: j["stages"][1].__setitem__("passesDone", 99)),
                     ("outcome count 2^63-1", lambda j: j["stages"][2]["batch"].__setitem__("correct", 2**63 - 1)),
                     ("imagesSeen 2^63-1", lambda j: j["stages"][0].__setitem__("imagesSeen", 2**63 - 1)),
                     ("5 stage records for 3 layers", lambda j: j["stages"].extend([j["stages"][0], j["stages"][0]])),
                     ("trainFraction 5.0", lambda j: j["data"].__setitem__("trainFraction", 5.0))]:
        c = crafted(moz, "train-%d.fspk" % len(out), training(fn))
        add("resume state and weights", name + ": evaluate", ["evaluate", "--checkpoint", c, "--limit", "10", "--skip-checksums"])
        add("resume state and weights", name + ": train --resume", ["train", "--checkpoint", c, "--data", "datasets/mnist", "--skip-checksums", "--stage", "3", "--resume"])
    shallow = crafted(os.path.join(CK, "shallow-rstdp.fspk"), "fraction.fspk", training(lambda j: j["data"].__setitem__("trainFraction", 5.0)))
    add("resume state and weights", "image-folder trainFraction 5.0: evaluate", ["evaluate", "--checkpoint", shallow])
    nan = struct.pack("<f", float("nan"))
    c = crafted(moz, "nan.fspk", lambda b, t: set_tensor(t, "layer1.weight", lambda n, d, s, x: (n, d, s, nan + x[4:])))
    add("resume state and weights", "NaN weight: evaluate", ["evaluate", "--checkpoint", c, "--limit", "10", "--skip-checksums"])
    inf = struct.pack("<f", float("inf"))
    c = crafted(moz, "inf.fspk", lambda b, t: set_tensor(t, "layer3.best", lambda n, d, s, x: (n, d, s, x[:400] + inf + x[404:])))
    add("resume state and weights", "+Inf best weight: classify", ["classify", "--checkpoint", c, digit])
    c = crafted(dc, "rate-pos.fspk", lambda b, t: edit_json(b, "rate-training", lambda j: j["stage1"].__setitem__("position", 10**6)))
    add("resume state and weights", "rate-coded position past the end: train --resume", ["train", "--checkpoint", c, "--data", "datasets/mnist", "--skip-checksums", "--stage", "1", "--resume"])
    c = crafted(dc, "rate-classes.fspk", lambda b, t: edit_json(b, "assignment", lambda j: j.__setitem__("classes", 2**62)))
    add("resume state and weights", "rate-coded assignment of 2^62 classes: evaluate", ["evaluate", "--checkpoint", c, "--limit", "10", "--skip-checksums"])

    # The training-data profile classify frames images with (docs/safety.md).
    kh = os.path.join(CK, "kheradpisheh2018.fspk")
    for name, key, v in [("frame 10^9 wide", "width", 10**9), ("frame -5 wide", "width", -5), ("centreX 1e300", "centreX", 1e300),
                         ("inkBox 1e300", "inkBox", 1e300), ("slant 1e300", "slant", 1e300), ("inkBoxRange []", "inkBoxRange", [])]:
        c = crafted(kh, "profile-%d.fspk" % len(out), training(lambda j, key=key, v=v: j["data"]["profile"].__setitem__(key, v)))
        add("training-data profile", name + ": classify", ["classify", "--checkpoint", c, digit])

    # IDX.
    add("IDX", "dimensions multiplying past 2^63: info", ["info", file("overflow.idx", struct.pack(">IIII", 0x803, 2**32 - 1, 2**32 - 1, 2**32 - 1))])
    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip wrapper
    parts = [z.compress(struct.pack(">IIII", 0x803, 2, 28, 28) + bytes(2 * 784))]
    zeros = bytes(1 << 24)
    parts += [z.compress(zeros) for _ in range(256)]  # 4 GiB of zeros after the promised 2 images
    bomb = b"".join(parts) + z.flush()
    add("IDX", "gzip bomb (%.1f MB → 4 GiB): info" % (len(bomb) / 1e6), ["info", file("bomb.idx.gz", bomb)])
    add("IDX", "gzip bomb as MNIST test images: evaluate", ["evaluate", "--checkpoint", moz, "--skip-checksums", "--data", mnist_folder("bombdata", images_payload=bomb)])
    lab = gzip.decompress(open(os.path.join(MNIST, "t10k-labels-idx1-ubyte.gz"), "rb").read())[8:]
    lab = bytearray(lab)
    lab[5] = 200
    add("IDX", "label 200 in MNIST test labels: evaluate", ["evaluate", "--checkpoint", moz, "--skip-checksums", "--limit", "50", "--data", mnist_folder("labels", labels=lab)])
    add("IDX", "truncated images: info", ["info", file("short.idx", struct.pack(">IIII", 0x803, 1000, 28, 28) + bytes(100))])

    # Files that are not regular files, and a huge PNG chunk.
    add("not regular files", "FIFO as PNG: classify", ["classify", "--checkpoint", moz, fifo("pipe.png")])
    add("not regular files", "FIFO as checkpoint: evaluate", ["evaluate", "--checkpoint", fifo("pipe.fspk")])
    add("not regular files", "FIFO as checkpoint: inspect", ["inspect", fifo("pipe2.fspk")])
    add("not regular files", "FIFO as spec: train --spec", ["train", "--spec", fifo("pipe.json"), "--checkpoint", os.path.join(T, "f.fspk")] + train)
    add("not regular files", "FIFO as trace reference", ["trace", "--reference", fifo("pipe-trace.json"), "--out", os.path.join(T, "t.json")])
    add("not regular files", "FIFO as IDX: info", ["info", fifo("pipe.idx")])
    add("not regular files", "/dev/zero as PNG: classify", ["classify", "--checkpoint", moz, "/dev/zero"])
    add("not regular files", "/dev/zero as checkpoint: evaluate", ["evaluate", "--checkpoint", "/dev/zero"])
    zero = os.path.join(T, "zero.fspk")
    os.symlink("/dev/zero", zero)
    add("not regular files", "/dev/zero (via a symlink) as checkpoint: train", ["train", "--checkpoint", zero] + train)
    add("not regular files", "folder as PNG: classify", ["classify", "--checkpoint", moz, T])
    add("not regular files", "folder as checkpoint: evaluate", ["evaluate", "--checkpoint", T])
    add("not regular files", "44-byte PNG declaring a 2 GB tEXt chunk", ["classify", "--checkpoint", moz, file("text2g.png", SIG + IHDR28 + struct.pack(">I", 0x7fffff00) + b"tEXtabc")])
    ztxt = png_chunk(b"zTXt", b"k\0\0" + zlib.compress(bytes(50 << 20), 9))
    add("not regular files", "PNG with a 50 MB zTXt bomb", ["classify", "--checkpoint", moz, file("ztxt.png", SIG + IHDR28 + ztxt)])
    add("not regular files", "PNG declaring 1e6 × 1e6 pixels", ["classify", "--checkpoint", moz, file("huge.png", SIG + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 10**6, 10**6, 8, 0, 0, 0, 0)))])
    lock = os.path.join(T, "sym.fspk")
    os.symlink("/etc/hostname", lock + ".lock")
    add("not regular files", "lock file is a symlink to another file: train", ["train", "--model", "mozafari2019", "--checkpoint", lock] + train)

    # Numeric options (the --opt=-N spelling too).
    for o in [["evaluate", "--checkpoint", moz, "--limit=-1"], ["train", "--checkpoint", os.path.join(T, "n.fspk"), "--model", "mozafari2019", "--data", "datasets/mnist", "--stage", "3", "--limit", "5", "--test-limit=-1"],
              ["features", "--checkpoint", moz, "--layer", "1", "--out", os.path.join(T, "f.png"), "--columns", "0"], ["bench", "--segments", "0", "--images", "10"],
              ["train", "--model", "mozafari2019", "--checkpoint", os.path.join(T, "se.fspk"), "--save-every", "0"] + train, ["bench", "--images=-5"],
              ["train", "--model", "mozafari2019", "--checkpoint", os.path.join(T, "ee.fspk"), "--eval-every=-1"] + train,
              ["train", "--model", "mozafari2019", "--checkpoint", os.path.join(T, "sa.fspk"), "--stop-after=-3"] + train,
              ["train", "--model", "mozafari2019", "--checkpoint", os.path.join(T, "ep.fspk"), "--epochs", "0"] + train,
              ["evaluate", "--checkpoint", moz, "--threads=-2"], ["features", "--checkpoint", moz, "--layer=-1", "--out", os.path.join(T, "g.png")],
              ["bench", "--rate-test-images=-1", "--images", "10"], ["export", "--range", "5..<2", "--out", os.path.join(T, "e")]]:
        add("numeric options", " ".join(x for x in o if x.startswith("--") and ("=" in x or x in ("--columns", "--segments", "--save-every", "--epochs", "--range"))), o)

    # Commands main gained (pictures): hostile checkpoints and images, options that make a picture too large.
    nanmoz = os.path.join(T, "nan.fspk")
    add("pictures (explain, report, features, --plot)", "explain: checkpoint inputPadding -1", ["explain", "--checkpoint", os.path.join(T, "pad.fspk"), digit, "--out", os.path.join(T, "x.png")])
    add("pictures (explain, report, features, --plot)", "explain: NaN weight", ["explain", "--checkpoint", nanmoz, digit, "--out", os.path.join(T, "x.png")])
    add("pictures (explain, report, features, --plot)", "explain: FIFO as image", ["explain", "--checkpoint", moz, fifo("pipe-explain.png"), "--out", os.path.join(T, "x.png")])
    add("pictures (explain, report, features, --plot)", "explain: 2 GB tEXt chunk", ["explain", "--checkpoint", moz, os.path.join(T, "text2g.png"), "--out", os.path.join(T, "x.png")])
    add("pictures (explain, report, features, --plot)", "explain: output .jpg", ["explain", "--checkpoint", moz, digit, "--out", os.path.join(T, "x.jpg")])
    add("pictures (explain, report, features, --plot)", "report: narrow svm.weight", ["report", narrow, "--out", os.path.join(T, "r.html"), "--limit", "10", "--skip-checksums"])
    add("pictures (explain, report, features, --plot)", "report: FIFO as checkpoint", ["report", fifo("pipe-report.fspk"), "--out", os.path.join(T, "r.html")])
    add("pictures (explain, report, features, --plot)", "report: --limit=-1", ["report", moz, "--out", os.path.join(T, "r.html"), "--limit=-1"])
    add("pictures (explain, report, features, --plot)", "features --scale 0", ["features", "--checkpoint", moz, "--layer", "1", "--scale", "0", "--out", os.path.join(T, "f.png")])
    add("pictures (explain, report, features, --plot)", "features --scale=-3", ["features", "--checkpoint", moz, "--layer", "1", "--scale=-3", "--out", os.path.join(T, "f.png")])
    add("pictures (explain, report, features, --plot)", "features --columns 65536 --scale 64 (a 589 661 px sheet)", ["features", "--checkpoint", moz, "--layer", "3", "--columns", "65536", "--scale", "64", "--out", os.path.join(T, "f.png")])
    add("pictures (explain, report, features, --plot)", "features --columns 1 --scale 64 (a 353 103 px sheet)", ["features", "--checkpoint", moz, "--layer", "2", "--columns", "1", "--scale", "64", "--out", os.path.join(T, "f.svg")])
    add("pictures (explain, report, features, --plot)", "features: +Inf best weight", ["features", "--checkpoint", os.path.join(T, "inf.fspk"), "--layer", "3", "--out", os.path.join(T, "f.png")])
    add("pictures (explain, report, features, --plot)", "evaluate --plot into a missing folder", ["evaluate", "--checkpoint", moz, "--limit", "10", "--skip-checksums", "--plot", os.path.join(T, "no/such/c.png")])
    add("pictures (explain, report, features, --plot)", "inspect --plot of a checkpoint with no curve to a .bmp", ["inspect", moz, "--plot", os.path.join(T, "c.bmp")])

    # Own probes: data that does not fit the model.
    add("own: data vs model", "rate-coded MNIST model evaluated on a 2-class folder with --allow-data-mismatch (must run)", ["evaluate", "--checkpoint", dc, "--data", "datasets/eth80-cup-dog", "--limit", "20", "--allow-data-mismatch"], "accepted")
    add("own: data vs model", "single-spike MNIST model evaluated on a 2-class folder with --allow-data-mismatch (must run)", ["evaluate", "--checkpoint", moz, "--data", "datasets/eth80-cup-dog", "--limit", "20", "--allow-data-mismatch"], "accepted")
    add("own: data vs model", "shallow-rstdp (2 classes) trained on MNIST (10)", ["train", "--model", "shallow-rstdp", "--checkpoint", os.path.join(T, "sh.fspk")] + train)
    return out


def main():
    rows = []
    for group, name, argv, expect in probes():
        outcome, status, line = run(argv)
        if expect == "accepted" and outcome == "accepted":
            outcome = "ran"  # a legitimate edge case that must work, and did
        rows.append({"group": group, "probe": name, "outcome": outcome, "status": status, "line": line, "expected": expect})
    groups = []
    for r in rows:
        if r["group"] not in groups:
            groups.append(r["group"])
    kinds = ["refused", "crash", "hang", "accepted", "ran"]
    print("| probes | tried | refused cleanly | crashes | hangs | silent acceptances | ran as they must |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total = {k: 0 for k in kinds}
    for g in groups:
        rs = [r for r in rows if r["group"] == g]
        c = {k: sum(r["outcome"] == k for r in rs) for k in kinds}
        for k in kinds:
            total[k] += c[k]
        print(f"| {g} | {len(rs)} | {c['refused']} | {c['crash']} | {c['hang']} | {c['accepted']} | {c['ran']} |")
    print(f"| **all** | {len(rows)} | {total['refused']} | {total['crash']} | {total['hang']} | {total['accepted']} | {total['ran']} |")
    print()
    for r in rows:
        if r["outcome"] not in ("refused", "ran"):
            print(f"- {r['outcome']} (status {r['status']}): {r['group']}: {r['probe']}: {r['line'][:160]}")
    if JSON_OUT:
        json.dump(rows, open(JSON_OUT, "w"), indent=1)
    shutil.rmtree(T, ignore_errors=True)


main()
