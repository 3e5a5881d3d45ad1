#!/bin/sh
# Wall time of the seed's batch-size study (`sweep --preset batch-size`, 6 runs of 10 epochs on
# Fashion-MNIST) with --jobs 1 and --jobs 2, alternated REPEATS times; prints each time, the
# medians and their ratio. Alternating makes both settings meet the same background load, so
# the ratio holds on a machine that others use too; the medians themselves move with it. Each
# repeat also prints the one-core sgemm GFLOP/s `traintop bench` measures (the reference: when
# it drops, the machine was busy).
#
# Usage: Benchmarks/parallel-sweep.sh [REPEATS] [EPOCHS]     (default 3 repeats, 10 epochs)
# Needs a release build (swift build -c release; TRAINTOP=path picks another binary) and
# Fashion-MNIST (apt-get install dataset-fashion-mnist).
set -eu
REPEATS="${1:-3}"
EPOCHS="${2:-10}"
BIN="${TRAINTOP:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/traintop}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Seconds one sweep takes, wall clock.
timed() {
  start=$(date +%s.%N)
  "$BIN" sweep --preset batch-size --epochs "$EPOCHS" --runs "$WORK/runs-$1-$2" --jobs "$1" >/dev/null
  end=$(date +%s.%N)
  awk "BEGIN {print $end - $start}"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "sweep --preset batch-size --epochs $EPOCHS (6 runs), $(nproc) cores, $REPEATS repeats"
: >"$WORK/one"
: >"$WORK/two"
# The one-core sgemm GFLOP/s, measured now.
reference() { "$BIN" bench --epochs 1 --json | tail -1 | sed 's/.*"sgemm_gflops":\([0-9.]*\).*/\1/'; }

i=1
while [ "$i" -le "$REPEATS" ]; do
  a=$(timed 1 "$i")
  b=$(timed 2 "$i")
  printf 'repeat %s: --jobs 1 %.1f s   --jobs 2 %.1f s   (sgemm reference %.1f GFLOP/s)\n' "$i" "$a" "$b" \
    "$(reference)"
  echo "$a" >>"$WORK/one"
  echo "$b" >>"$WORK/two"
  i=$((i + 1))
done
m1=$(median <"$WORK/one")
m2=$(median <"$WORK/two")
printf 'median: --jobs 1 %.1f s   --jobs 2 %.1f s   ratio %.2f (jobs 1 / jobs 2)\n' "$m1" "$m2" \
  "$(awk "BEGIN {print $m1 / $m2}")"
