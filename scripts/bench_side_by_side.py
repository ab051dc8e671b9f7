#!/usr/bin/env python3
"""FirstSpike and the peer simulators timed side by side, in one run, on the same images.

The peers' code is not part of this repository: pass the folder that holds SpykeTorch's timing
driver (`spyketorch_bench.py`, with the `SpykeTorch/` package beside it) and BindsNET's
(`bindsnet_dc_bench.py`), and the Python interpreters of environments that have torch (and
bindsnet) installed. Runs alternate, FirstSpike then the peer, round after round (A B A B), so
that slow drifts of the machine's load hit both alike; each figure is the median over rounds of
the per-run medians. Both simulators run the paper geometry of Mozafari et al. 2019
(SpykeTorch's MozafariDeep.py) with the same weights: untrained (each its own seed-0
initialisation) and trained (`checkpoints/mozafari2019-paper.fspk`, copied into SpykeTorch's
network by its driver). FirstSpike's training rows start from the image (encoding included);
SpykeTorch's start from already-encoded images (as its example's CacheDataset), so the ratios
are conservative. SpykeTorch runs every row with torch's 2 intra-op threads; FirstSpike's
encoding is shown on one thread and on both (images split between the cores), its training
rows use the second core for the frozen layers of the images ahead (a stage's first pass), and
its inference splits the images between both cores.

    python3 scripts/bench_side_by_side.py --firstspike .build/release/firstspike \\
        --peer-dir PEERS --peer-python VENV/bin/python [--bindsnet-python VENV_BN/bin/python]

Prints a Markdown table and writes every raw figure to --out (JSON).
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROWS = [  # (label, FirstSpike row, SpykeTorch row)
    ("S1C1 encoding, 1 thread", "S1C1 encoding", "S1C1 encoding"),
    ("S1C1 encoding, 2 threads", "S1C1 encoding, 2 threads", "S1C1 encoding"),
    ("stage 1 training (STDP)", "stage 1 training (STDP, from the image)", "stage 1 training (STDP)"),
    ("stage 2 training (STDP)", "stage 2 training (STDP, from the image)", "stage 2 training (STDP)"),
    ("stage 3 training (R-STDP, full forward)", "stage 3 training (RSTDP, from the image)", "stage 3 training (R-STDP)"),
    ("inference, 2 threads", "inference, 2 threads", "inference"),
]


def run(cmd, **kw):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return time.perf_counter() - t0, p


def firstspike_rows(args, weights, tmp):
    out = os.path.join(tmp, "fs.json")
    cmd = [args.firstspike, "bench", "--data", args.data, "--images", str(args.images), "--segments", str(args.segments),
           "--preset", "paper", "--json", out, "--rate-train-images", "0", "--rate-test-images", "0"]
    if weights != "untrained":
        cmd += ["--checkpoint", weights]
    run(cmd)
    doc = json.load(open(out))
    return {r["row"]: r["ms_per_image"] for r in doc["rows"]}, doc["peak_memory_mib"]


def peer_rows(args, weights, tmp):
    out = os.path.join(tmp, "st.json")
    seg = max(1, args.images // args.segments)
    run([args.peer_python, os.path.join(args.peer_dir, "spyketorch_bench.py"), "--data", args.data,
         "--images", str(args.images), "--seg", str(seg), "--weights", weights, "--json", out],
        env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
    doc = json.load(open(out))
    return {k: v["ms"] for k, v in doc["rows"].items()}, doc["peak_rss_mib"], doc.get("torch")


def rate_rows(args, tmp):
    out = os.path.join(tmp, "fsdc.json")
    run([args.firstspike, "bench", "--data", args.data, "--images", str(args.rate_images), "--segments", "3",
         "--json", out, "--rate-train-images", str(args.rate_images), "--rate-test-images", "0",
         "--checkpoint", args.rate_checkpoint] if args.rate_checkpoint else
        [args.firstspike, "bench", "--data", args.data, "--images", "2", "--segments", "1", "--json", out,
         "--rate-train-images", str(args.rate_images), "--rate-test-images", "0"])
    doc = json.load(open(out))
    fs = [r["ms_per_image"] for r in doc["rows"] if "diehlcook2015" in r["row"] and "training" in r["row"]]
    bout = os.path.join(tmp, "bn.json")
    run([args.bindsnet_python, os.path.join(args.peer_dir, "bindsnet_dc_bench.py"), "--data", args.data,
         "--images", str(args.bindsnet_images), "--seg", str(max(1, args.bindsnet_images // 3)), "--json", bout],
        env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
    bn = json.load(open(bout))
    return 1000.0 / fs[0], bn["img_per_s_median_segment"], bn["peak_rss_mib"]


def whole_process(args, tmp):
    ck = os.path.join(tmp, "whole.fspk")
    fs, _ = run([args.firstspike, "train", "--model", "mozafari2019", "--preset", "paper", "--data", args.data,
                 "--stage", "1", "--epochs", "1", "--limit", str(args.whole_images), "--checkpoint", ck])
    os.remove(ck)
    st, _ = run([args.peer_python, os.path.join(args.peer_dir, "spyketorch_bench.py"), "--data", args.data,
                 "--images", str(args.whole_images), "--seg", str(args.whole_images), "--stages", "enc,1",
                 "--spike-images", "1", "--weights", "untrained"], env=dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))
    return fs, st


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firstspike", default=".build/release/firstspike")
    ap.add_argument("--peer-dir", required=True, help="folder with spyketorch_bench.py (and SpykeTorch/), bindsnet_dc_bench.py")
    ap.add_argument("--peer-python", required=True, help="python of an environment with torch, torchvision, numpy")
    ap.add_argument("--bindsnet-python", default=None, help="python of an environment with bindsnet (rate-coded row)")
    ap.add_argument("--data", default="datasets/mnist")
    ap.add_argument("--checkpoint", default="checkpoints/mozafari2019-paper.fspk")
    ap.add_argument("--images", type=int, default=1000)
    ap.add_argument("--segments", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--whole-images", type=int, default=20000, help="images of the whole-process run (0 = skip)")
    ap.add_argument("--rate-images", type=int, default=1000)
    ap.add_argument("--rate-checkpoint", default=None)
    ap.add_argument("--bindsnet-images", type=int, default=150)
    ap.add_argument("--out", default="scratch/bench-side-by-side.json")
    args = ap.parse_args()

    res = {"images": args.images, "rounds": args.rounds, "machine": os.uname().machine, "cores": os.cpu_count(),
           "weights": {}, "whole": [], "rate": []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for weights in ["untrained", args.checkpoint]:
                key = "trained" if weights != "untrained" else "untrained"
                w = res["weights"].setdefault(key, {"firstspike": [], "peer": [], "fs_peak": [], "peer_peak": []})
                print(f"round {r + 1}/{args.rounds}, {key}: FirstSpike…", file=sys.stderr, flush=True)
                rows, peak = firstspike_rows(args, weights, tmp)
                w["firstspike"].append(rows); w["fs_peak"].append(peak)
                print(f"round {r + 1}/{args.rounds}, {key}: SpykeTorch…", file=sys.stderr, flush=True)
                rows, peak, torch_version = peer_rows(args, weights, tmp)
                w["peer"].append(rows); w["peer_peak"].append(peak); res["torch"] = torch_version
            if args.bindsnet_python:
                print(f"round {r + 1}/{args.rounds}: rate-coded…", file=sys.stderr, flush=True)
                res["rate"].append(rate_rows(args, tmp))
            if args.whole_images > 0:
                print(f"round {r + 1}/{args.rounds}: whole process ({args.whole_images} images)…", file=sys.stderr, flush=True)
                res["whole"].append(whole_process(args, tmp))
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    json.dump(res, open(args.out, "w"), indent=1)

    print(f"FirstSpike vs SpykeTorch (torch {res.get('torch')}), paper geometry, {args.images} MNIST training images, "
          f"{res['cores']} cores, median of {args.rounds} alternating rounds; ms per image")
    print()
    print("| row | weights | SpykeTorch | FirstSpike | ratio |")
    print("|---|---|---:|---:|---:|")
    for key in ["untrained", "trained"]:
        w = res["weights"][key]
        for label, fs_row, st_row in ROWS:
            fs = med([d[fs_row] for d in w["firstspike"] if fs_row in d])
            st = med([d[st_row] for d in w["peer"] if st_row in d])
            print(f"| {label} | {key} | {st:.3f} | {fs:.3f} | {st / fs:.1f}× |")
    for key in ["untrained", "trained"]:
        w = res["weights"][key]
        print(f"\npeak memory ({key}): FirstSpike {med(w['fs_peak']):.0f} MiB, SpykeTorch {med(w['peer_peak']):.0f} MiB")
    if res["whole"]:
        fs, st = med([x[0] for x in res["whole"]]), med([x[1] for x in res["whole"]])
        print(f"whole process, stage 1 over {args.whole_images} images (start-up, data, encoding, training, save): "
              f"SpykeTorch {st:.1f} s, FirstSpike {fs:.2f} s, ratio {st / fs:.1f}×")
    if res["rate"]:
        fs, bn = med([x[0] for x in res["rate"]]), med([x[1] for x in res["rate"]])
        print(f"rate-coded diehlcook2015 N=100 training: BindsNET {bn:.1f} images/s, FirstSpike {fs:.0f} images/s "
              f"(1 thread), ratio {fs / bn:.0f}×; BindsNET peak {med([x[2] for x in res['rate']]):.0f} MiB")


if __name__ == "__main__":
    main()
