#!/usr/bin/env python3
"""How fast a key press shows on the dashboard's screen while it trains (issue 3: < 100 ms).

Starts `traintop` in a tmux session on Fashion-MNIST (or the flags given), starts a
run, then toggles the log-scale key `l` N times and times each press until the
chart's bottom border shows (or stops showing) "log", polling `tmux capture-pane`
every 2 ms. The figure includes tmux's own round trips, so it is an upper bound.
Prints the median and the worst press.

    Benchmarks/key-latency.py [N] [traintop flags...]
"""
import os, statistics, subprocess, sys, tempfile, time

binary = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "traintop")
presses = int(sys.argv[1]) if len(sys.argv) > 1 else 20
flags = sys.argv[2:] or ["--dataset", "fashion-mnist", "--epochs", "50"]
session = f"traintop-keys-{os.getpid()}"
work = tempfile.mkdtemp()


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", session)


def log_flag_shown():
    """Whether a chart's bottom border carries the "log" flag."""
    return any("log" in line and "└" in line for line in screen().splitlines())


tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "-c", work,
     f"env LANG=C.UTF-8 {binary} {' '.join(flags)} --runs {work}/runs; sleep 2")
try:
    time.sleep(2)
    tmux("send-keys", "-t", session, "Space")
    while "RUNNING" not in screen() or "epoch 1/" in screen():
        time.sleep(0.1)
    latencies = []
    for i in range(presses):
        before = log_flag_shown()
        start = time.perf_counter()
        tmux("send-keys", "-t", session, "l")
        while log_flag_shown() == before:
            time.sleep(0.002)
        latencies.append(time.perf_counter() - start)
        time.sleep(0.05)
    print(f"key to screen while training: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"worst {max(latencies) * 1000:.1f} ms over {presses} presses")
finally:
    tmux("send-keys", "-t", session, "q")
    time.sleep(0.5)
    tmux("kill-session", "-t", session)
