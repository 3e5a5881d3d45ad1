#!/bin/sh
# Training throughput with the dashboard open vs headless `traintop train` (issue 3: ≥ 90 %).
#
# Usage: Benchmarks/dashboard-throughput.sh [traintop flags…]
# Default workload: Fashion-MNIST, 10 000 training samples, 40 epochs, hidden 256.
# Needs tmux and a release build (swift build -c release). Prints samples/s of both and the ratio.
# Both run with --pace full: the dashboard's default pace (auto) would slow this short-epoch workload down.
set -eu
BIN="$(cd "$(dirname "$0")/.." && pwd)/.build/release/traintop"
[ $# -gt 0 ] || set -- --dataset fashion-mnist --train-size 10000 --epochs 40 --hidden 256
WORK="$(mktemp -d)"
SESSION="traintop-bench-$$"
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WORK"' EXIT

headless=$("$BIN" train "$@" --pace full --runs "$WORK/headless" -q --json | tail -n 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["samples_per_second"])')

tmux new-session -d -s "$SESSION" -x 120 -y 40 -c "$WORK" "env LANG=C.UTF-8 $BIN $* --pace full --runs $WORK/runs; sleep 5"
sleep 2
tmux send-keys -t "$SESSION" Space
# summary.json is rewritten after every epoch with status "running"; wait for the final one.
until grep -qs '"status" : "finished"' "$WORK"/runs/*/summary.json; do sleep 0.5; done
tmux send-keys -t "$SESSION" q
dashboard=$(python3 -c 'import json,sys,glob; print(json.load(open(glob.glob(sys.argv[1] + "/runs/*/summary.json")[0]))["samples_per_second"])' "$WORK")

python3 -c 'import sys; h, d = map(float, sys.argv[1:]); print(f"headless {h:.0f} samples/s, dashboard {d:.0f} samples/s, ratio {d / h:.2f}")' "$headless" "$dashboard"
