#!/usr/bin/env bash
# Reproduce the committed stance model in models/stance/ (about 30 minutes on 2 cores).
#
# Training data: our own labeled statements (oversampled 8x: they are the kind of text
# the tool meets), NewsMTSC train (2x) and directed-sentiment train from
# ../shared/datasets. Early stopping on our own dev split, which also chooses the
# neutral logit bias (prior correction, see src/stance/calibrate.rs). UNSCon is kept
# out so it can test transfer.
# Usage: scripts/train.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-models/stance}"
shared="${STANCEMAP_SHARED:-../shared}/datasets"
own=data/stance/own-train.pairs.jsonl
for f in "$shared/newsmtsc/newsmtsc-train.pairs.jsonl" "$shared/directed-sentiment/ds-train.pairs.jsonl"; do
  [ -f "$f" ] || { echo "error: $f not found (set STANCEMAP_SHARED to the folder holding datasets/)" >&2; exit 1; }
done
cargo run --release -- --engine candle train \
  --data "$own" "$own" "$own" "$own" "$own" "$own" "$own" "$own" \
         "$shared/newsmtsc/newsmtsc-train.pairs.jsonl" "$shared/newsmtsc/newsmtsc-train.pairs.jsonl" \
         "$shared/directed-sentiment/ds-train.pairs.jsonl" \
  --dev data/stance/own-dev.pairs.jsonl \
  --out "$out" \
  --mode statement --train-layers 4 --epochs 9 --epoch-size 6000 --batch-size 16 --lr 1e-4 --seed 13
