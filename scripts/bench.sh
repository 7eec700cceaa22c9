#!/usr/bin/env bash
# Encoder throughput of stancemap against ONNX Runtime on the same weights and the
# same sentences, at the same thread count: engines alternate within each round so
# that drifts in machine load hit all of them alike. Prints the median sentences/s
# of each engine x batch size and the ratio of stancemap's default engine to ONNX
# Runtime (file order, the batches stancemap gets too).
#
# Usage: scripts/bench.sh [ROUNDS (5)] [THREADS (2)]
#   BATCHES="1 8 32"   batch sizes
#   INPUT=FILE         one sentence per line (default data/bench/sentences.txt)
#   CANDLE=1           also time candle's tensor-op path (slow)
# Needs: pip install -r scripts/requirements-bench.txt
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds="${1:-5}"
threads="${2:-2}"
batches="${BATCHES:-1 8 32}"
input="${INPUT:-data/bench/sentences.txt}"
python3 -c "import onnxruntime, onnx, tokenizers, safetensors" 2>/dev/null || {
  echo "error: ONNX Runtime is missing: pip install -r scripts/requirements-bench.txt" >&2; exit 1; }
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/stancemap"
"$bin" model fetch >/dev/null
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
engines=(auto f32 ort ort-sorted)
[ "${CANDLE:-0}" = 1 ] && engines+=(candle)
for round in $(seq "$rounds"); do
  for batch in $batches; do
    for engine in "${engines[@]}"; do
      case "$engine" in
        ort) python3 scripts/bench_ort.py --input "$input" --batch "$batch" --threads "$threads" --rounds 1 --json ;;
        ort-sorted) python3 scripts/bench_ort.py --input "$input" --batch "$batch" --threads "$threads" --rounds 1 --sort --json ;;
        *) "$bin" --threads "$threads" --engine "$engine" bench --input "$input" --batch "$batch" --rounds 1 --json ;;
      esac | python3 -c "import json,sys; d=json.load(sys.stdin); print('$engine', '$batch', d['sentences_per_s'], d.get('engine',''))" >>"$out"
    done
  done
  echo "round $round of $rounds done" >&2
done
python3 - "$out" "$threads" "$rounds" <<'PY'
import statistics, sys
from collections import defaultdict
runs, kernel = defaultdict(list), {}
for line in open(sys.argv[1]):
    engine, batch, rate, name = (line.split() + [""])[:4]
    runs[(engine, int(batch))].append(float(rate))
    if engine in ("auto", "f32", "candle"):
        kernel[engine] = name
labels = {"auto": f"stancemap default ({kernel.get('auto', '')})", "f32": "stancemap f32",
          "candle": "stancemap candle (reference)", "ort": "ONNX Runtime f32",
          "ort-sorted": "ONNX Runtime f32, sorted by length"}
engines = [e for e in labels if any(k[0] == e for k in runs)]
batches = sorted({b for _, b in runs})
print(f"sentences/s, median of {sys.argv[3]} rounds, {sys.argv[2]} threads")
print("| engine | " + " | ".join(f"batch {b}" for b in batches) + " |")
print("|---|" + "---|" * len(batches))
med = {k: statistics.median(v) for k, v in runs.items()}
for e in engines:
    print(f"| {labels[e]} | " + " | ".join(f"{med[(e, b)]:.0f}" for b in batches) + " |")
for ref in ("ort", "ort-sorted"):
    print(f"| ratio default / {labels[ref]} | " + " | ".join(f"{med[('auto', b)] / med[(ref, b)]:.2f}" for b in batches) + " |")
PY
