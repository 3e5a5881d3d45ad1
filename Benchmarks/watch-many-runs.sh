#!/usr/bin/env bash
# `traintop watch` with many runs (issue 11): memory and frame time for RUNS runs of STEPS steps.
#
#   Benchmarks/watch-many-runs.sh [RUNS] [STEPS]        (default 200 runs × 10 000 steps)
#
# Writes a TensorBoard logdir (PyTorch-style simple_value events, an hparams.yaml per run) with
# the release `watch-scale` tool, then:
# 1. `watch-scale measure`: loads it with watch's own followers and state, renders the 160x48
#    screen repeatedly, prints load time, RSS and the median and worst frame;
# 2. the real `traintop watch DIR` in tmux at 160x48: once every run is loaded, its resident
#    memory (VmRSS, peak VmHWM) and the CPU it uses over 10 s of following.
# Needs tmux. Numbers depend on the other core's load: note it (uptime) beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-200}"
steps="${2:-10000}"
swift build -c release --product watch-scale >/dev/null
swift build -c release --product traintop >/dev/null
dir="$(mktemp -d)"
session="traintop-bench-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$dir"' EXIT

.build/release/watch-scale write "$dir/logs" "$runs" "$steps"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
.build/release/watch-scale measure "$dir/logs" 40

tmux new-session -d -s "$session" -x 160 -y 48 "env LANG=C.UTF-8 $PWD/.build/release/traintop watch $dir/logs"
pid="$(tmux display-message -p -t "$session" '#{pane_pid}')"
start=$(date +%s.%N)
until tmux capture-pane -p -t "$session" | grep -q "$runs runs · $runs following"; do
  sleep 0.5
  if (($(date +%s) - ${start%.*} > 300)); then echo "timed out waiting for the runs" >&2; exit 1; fi
done
# Every run is following; give the last files time to load (each poll reads at most 1 MiB a run).
sleep 5
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
before=$(ticks)
sleep 10
after=$(ticks)
hz=$(getconf CLK_TCK)
echo "traintop watch (real process, 160x48): runs shown after $(echo "$(date +%s.%N) - $start - 15" | bc | xargs printf '%.1f') s," \
  "$(awk '/VmRSS/ { printf "RSS %d MB", $2 / 1024 }' "/proc/$pid/status")," \
  "$(awk '/VmHWM/ { printf "peak %d MB", $2 / 1024 }' "/proc/$pid/status")," \
  "CPU $(echo "($after - $before) * 100 / $hz / 10" | bc)% of a core while following"
tmux send-keys -t "$session" q
