#!/usr/bin/env python3
"""RSS and key latency of the dashboard over a long run (issue 12: a million epochs, flat).

Starts the dashboard in tmux on 10 xor points (one batch an epoch, `--pace full`), presses
Space, and every INTERVAL seconds records the epochs done (from the run's metrics.csv), the
process's RSS and the latency of a key: `l` toggles the loss chart's log scale and the time
until its border shows (or stops showing) "log" is measured by polling `tmux capture-pane`
(an upper bound: it includes tmux's round trips, as Benchmarks/key-latency.py). Prints one row
per sample and a summary; stops at EPOCHS epochs or after MINUTES minutes.

    Benchmarks/dashboard-soak.py [EPOCHS] [MINUTES] [INTERVAL]

Needs tmux and a release build (swift build -c release). Prints figures; it is not a test.
"""
import glob, os, shutil, statistics, subprocess, sys, tempfile, time

binary = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "traintop")
epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
minutes = float(sys.argv[2]) if len(sys.argv) > 2 else 60
interval = float(sys.argv[3]) if len(sys.argv) > 3 else 15
socket = f"traintop-soak-{os.getpid()}"
work = tempfile.mkdtemp(prefix="traintop-dashboard-soak-")


def tmux(*args):
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", "soak")


def log_shown():
    return any("log" in line and "└" in line for line in screen().splitlines())


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024


def rows():
    found = glob.glob(work + "/runs/*/metrics.csv")
    if not found:
        return 0
    with open(found[0], "rb") as f:
        return max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1)


def key_latency():
    before = log_shown()
    start = time.perf_counter()
    tmux("send-keys", "-t", "soak", "l")
    while log_shown() == before:
        if time.perf_counter() - start > 5:
            return float("inf")
        time.sleep(0.002)
    return (time.perf_counter() - start) * 1000


flags = f"--dataset xor --samples 10 --batch-size 8 --hidden 4 --epochs {epochs} --pace full --runs {work}/runs"
tmux("new-session", "-d", "-s", "soak", "-x", "120", "-y", "40", "-c", work,
     f"env LANG=C.UTF-8 {binary} {flags}; sleep 5")
try:
    time.sleep(2)
    pid = int(subprocess.run(["pgrep", "-n", "-f", f"{binary} --dataset xor"], capture_output=True,
                             text=True).stdout.split()[0])
    tmux("send-keys", "-t", "soak", "Space")
    start = time.time()
    print(f"traintop {flags}")
    print(f"{'elapsed':>8} {'epochs':>9} {'epochs/s':>9} {'RSS MB':>7} {'key ms':>7}")
    samples, last_rows, last_time = [], 0, start
    while True:
        time.sleep(interval)
        done, now = rows(), time.time()
        latencies = [key_latency() for _ in range(3)]
        rss = rss_mb(pid)
        rate = (done - last_rows) / (now - last_time)
        last_rows, last_time = done, now
        samples.append((now - start, done, rss, statistics.median(latencies)))
        print(f"{now - start:>7.0f}s {done:>9} {rate:>9.0f} {rss:>7.1f} {statistics.median(latencies):>7.1f}",
              flush=True)
        if done >= epochs or now - start > minutes * 60:
            break
    first, last = samples[0], samples[-1]
    print(f"RSS {first[2]:.1f} → {last[2]:.1f} MB (max {max(s[2] for s in samples):.1f}); key latency "
          f"{first[3]:.1f} → {last[3]:.1f} ms (max {max(s[3] for s in samples):.1f}) from epoch "
          f"{first[1]} to {last[1]}")
finally:
    tmux("send-keys", "-t", "soak", "q")
    time.sleep(1)
    tmux("kill-server")
    shutil.rmtree(work, ignore_errors=True)
