#!/usr/bin/env python3
"""Memory and summary cost over a long headless run (issue 12, "Long runs").

Runs `traintop train` for EPOCHS epochs (default 1 000 000) of a tiny network on 10 points of
the xor set, one batch an epoch, so the run is all bookkeeping: events, metrics.csv rows and
summary.json rewrites. Samples the process every half second and prints, at each tenth of the
run: epochs done, RSS, epochs/s over the last stretch, summary.json's size and the bytes the
process has written so far; then the peak RSS, the final summary's size and the totals.

    Benchmarks/long-run-soak.py [EPOCHS] [extra traintop flags...]

Needs a release build (swift build -c release). Prints figures; it is not a test.
"""
import glob, os, shutil, subprocess, sys, tempfile, time

binary = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "traintop")
epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
extra = sys.argv[2:]
work = tempfile.mkdtemp(prefix="traintop-soak-")


def status(pid, key):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])  # kB
    except OSError:
        return None


def written(pid):
    try:
        for line in open(f"/proc/{pid}/io"):
            if line.startswith("wchar:"):
                return int(line.split()[1])
    except OSError:
        return None


def rows(path):
    try:
        with open(path, "rb") as f:
            return max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1)
    except OSError:
        return 0


flags = ["--dataset", "xor", "--samples", "10", "--batch-size", "8", "--hidden", "4", "--epochs", str(epochs),
         "--pace", "full", "-q", "--runs", work + "/runs"] + extra
start = time.time()
child = subprocess.Popen([binary, "train", *flags], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
print(f"traintop train {' '.join(flags)}")
print(f"{'epochs':>9} {'elapsed':>8} {'RSS MB':>7} {'epochs/s':>9} {'summary KB':>10} {'written MB':>10}")
peak, last_report, last_rows, last_time, next_mark = 0, 0, 0, start, epochs // 10
metrics = summary = None
while child.poll() is None:
    time.sleep(0.5)
    rss = status(child.pid, "VmRSS")
    if rss is None:
        break
    peak = max(peak, rss)
    if metrics is None:
        found = glob.glob(work + "/runs/*/metrics.csv")
        if found:
            metrics, summary = found[0], os.path.join(os.path.dirname(found[0]), "summary.json")
            print(f"{0:>9} {time.time() - start:>7.1f}s {rss / 1024:>7.1f} {'':>9} {'':>10} {'':>10}")
        continue
    done = rows(metrics)
    if done >= next_mark or done >= epochs:
        now = time.time()
        rate = (done - last_rows) / max(1e-9, now - last_time)
        size = os.path.getsize(summary) / 1024 if os.path.exists(summary) else 0
        print(f"{done:>9} {now - start:>7.1f}s {rss / 1024:>7.1f} {rate:>9.0f} {size:>10.1f} "
              f"{(written(child.pid) or 0) / 1e6:>10.1f}")
        last_rows, last_time = done, now
        next_mark = (done // (epochs // 10) + 1) * (epochs // 10)
child.wait()
end = time.time()
final = os.path.getsize(summary) / 1e6 if summary and os.path.exists(summary) else 0
print(f"exit {child.returncode} after {end - start:.1f}s; peak RSS {peak / 1024:.1f} MB; "
      f"final summary.json {final:.1f} MB; metrics.csv {os.path.getsize(metrics) / 1e6 if metrics else 0:.1f} MB")
err = child.stderr.read().decode().strip()
if err:
    print("stderr:", err[-500:])
shutil.rmtree(work, ignore_errors=True)  # a million epochs leave 235 MB of run files
