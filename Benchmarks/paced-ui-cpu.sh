#!/bin/sh
# CPU used by the dashboard's UI thread while a run trains at the auto pace (issue 9: a few
# percent of a core at most), next to the training thread's.
#
# Usage: Benchmarks/paced-ui-cpu.sh [SECONDS] [traintop flags…]
# Default: 20 s of `--dataset spiral --epochs 300` (auto: 5 epochs/s, the decision boundary on).
# Needs tmux and a release build (swift build -c release). Reads each thread's CPU time from
# /proc/PID/task/*/stat (utime + stime) before and after the window; prints them as % of a core.
set -eu
SECONDS_WINDOW="${1:-20}"
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- --dataset spiral --epochs 300
BIN="$(cd "$(dirname "$0")/.." && pwd)/.build/release/traintop"
WORK="$(mktemp -d)"
SESSION="traintop-ui-cpu-$$"
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WORK"' EXIT

tmux new-session -d -s "$SESSION" -x 120 -y 40 -c "$WORK" "env LANG=C.UTF-8 $BIN $* --runs $WORK/runs; sleep 5"
sleep 2
PID=$(pgrep -n -f "$BIN .*--runs $WORK/runs")
tmux send-keys -t "$SESSION" Space
sleep 3

# thread id, name and CPU ticks of every thread of $PID
sample() {
  for task in /proc/"$PID"/task/*; do
    name=$(cat "$task/comm")
    # fields after the ")" that ends the name: state is 3rd, utime 14th, stime 15th
    ticks=$(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}')
    echo "$(basename "$task") $ticks $name"
  done
}
sample > "$WORK/before"
sleep "$SECONDS_WINDOW"
sample > "$WORK/after"
tmux capture-pane -p -t "$SESSION" | head -1 > "$WORK/header"
tmux send-keys -t "$SESSION" q

python3 - "$WORK" "$SECONDS_WINDOW" "$PID" <<'PY'
import os, sys
work, window, pid = sys.argv[1], float(sys.argv[2]), sys.argv[3]
hz = os.sysconf("SC_CLK_TCK")
def read(name):
    rows = {}
    for line in open(os.path.join(work, name)):
        tid, ticks, comm = line.rstrip("\n").split(" ", 2)
        rows[tid] = (int(ticks), comm)
    return rows
before, after = read("before"), read("after")
print("header:", open(os.path.join(work, "header")).read().strip())
total = 0.0
for tid, (ticks, comm) in sorted(after.items()):
    used = (ticks - before.get(tid, (0, comm))[0]) / hz / window * 100
    total += used
    role = "UI (main)" if tid == pid else comm
    if used >= 0.05 or tid == pid:
        print(f"{role:24s} {used:5.1f} % of a core")
print(f"{'all threads':24s} {total:5.1f} % of a core over {window:.0f} s")
PY
