#!/usr/bin/env bash
# Runs the seed's model in traintop, then in Keras (TensorFlow CPU), on this
# machine, and prints the side-by-side figures and the speed ratio.
#
#   Benchmarks/keras_compare.sh [EPOCHS]
#
# Creates a Python virtual environment in .build-keras-venv (ignored by git)
# with TensorFlow from PyPI on first use. Keras runs with one intra-op and one
# inter-op thread (its fastest setting on the 2-core machine this was tuned
# on; set KERAS_THREADS to try others). Needs Fashion-MNIST installed
# (apt-get install dataset-fashion-mnist) or TRAINTOP_DATA pointing at it.
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-10}"
data="${TRAINTOP_DATA:-/usr/share/datasets}/fashion-mnist"
[ -d "$data" ] || data="${TRAINTOP_DATA:-}"
[ -f "$data/train-images-idx3-ubyte.gz" ] || {
  echo "keras_compare: Fashion-MNIST not found at $data; apt-get install dataset-fashion-mnist" >&2
  exit 2
}

swift build -c release --product traintop >/dev/null
echo "== traintop (release build, 1 BLAS thread)"
tt_json=$(.build/release/traintop bench --epochs "$epochs" --json | tee /dev/stderr | tail -n 1)

venv=.build-keras-venv
if [ ! -x "$venv/bin/python" ]; then
  echo "== creating $venv with TensorFlow (first run only)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet tensorflow-cpu 2>/dev/null || "$venv/bin/pip" install --quiet tensorflow
fi
echo "== Keras"
keras_json=$(TF_CPP_MIN_LOG_LEVEL=3 "$venv/bin/python" Benchmarks/keras_seed_model.py "$data" "$epochs" | tail -n 1)
echo "$keras_json"

python3 - "$tt_json" "$keras_json" <<'PY'
import json, sys
t, k = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print()
print(f"{'':24}{'traintop':>12}{'Keras':>12}")
print(f"{'median epoch (s)':24}{t['median_epoch_seconds']:>12.3f}{k['median_epoch_seconds']:>12.3f}")
print(f"{'final val_accuracy':24}{t['final_val_accuracy']:>12.4f}{k['final_val_accuracy']:>12.4f}")
print(f"{'peak RSS (MB)':24}{t['peak_rss_mb']:>12.0f}{k['peak_rss_mb']:>12.0f}")
print(f"traintop is {k['median_epoch_seconds'] / t['median_epoch_seconds']:.2f}x faster per epoch "
      f"and uses {k['peak_rss_mb'] / t['peak_rss_mb']:.1f}x less memory (Keras {k['tensorflow']}, "
      f"{k['threads']} thread(s))")
PY
