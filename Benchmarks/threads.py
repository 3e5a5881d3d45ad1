#!/usr/bin/env python3
"""The seed model headless with one thread, two threads (traintop's split) and two OpenBLAS
threads, alternated ROUNDS times; prints each configuration's median epoch seconds, its ratio
to one thread measured in the same rounds, and the one-core sgemm GFLOP/s each run measured
first (the reference: if it moves, the machine was busy).

Alternating puts every configuration through the same background load; medians of several
rounds keep one disturbed run from deciding. On a machine others use, run it several times
and compare the ratios, not the seconds.

Usage: Benchmarks/threads.py [ROUNDS] [EPOCHS]        (default 5 rounds of 3 epochs)
Needs a release build (swift build -c release; TRAINTOP=path picks another binary) and
Fashion-MNIST (apt-get install dataset-fashion-mnist).
"""
import json
import os
import statistics
import subprocess
import sys

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
EPOCHS = sys.argv[2] if len(sys.argv) > 2 else "3"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("TRAINTOP", os.path.join(ROOT, ".build", "release", "traintop"))
CONFIGS = {
    "1 thread": ["--threads", "1"],
    "2 threads (split)": ["--threads", "2"],
    "2 OpenBLAS threads": ["--openblas-threads", "2"],
}


def bench(flags):
    out = subprocess.run(
        [BIN, "bench", "--epochs", EPOCHS, "--json"] + flags, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


results = {name: [] for name in CONFIGS}
for r in range(ROUNDS):
    for name, flags in CONFIGS.items():
        results[name].append(bench(flags))
    print(
        f"round {r + 1}: "
        + "   ".join(f"{n} {results[n][-1]['median_epoch_seconds']:.3f} s" for n in CONFIGS),
        flush=True,
    )

one = statistics.median(x["median_epoch_seconds"] for x in results["1 thread"])
print(f"\nseed model, {EPOCHS} epochs a run, {ROUNDS} rounds, {os.cpu_count()} cores (medians):")
for name in CONFIGS:
    seconds = statistics.median(x["median_epoch_seconds"] for x in results[name])
    sgemm = statistics.median(x["sgemm_gflops"] for x in results[name])
    accuracy = {round(x["final_val_accuracy"], 6) for x in results[name]}
    print(
        f"  {name:20} {seconds:.3f} s/epoch   ratio to 1 thread {one / seconds:.2f}   "
        f"reference sgemm {sgemm:.1f} GFLOP/s   final val_accuracy {sorted(accuracy)}"
    )
