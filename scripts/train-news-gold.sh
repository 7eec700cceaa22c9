#!/usr/bin/env bash
# The news-gold candidates of README ("Stance on real international news"), not the
# committed model (scripts/train.sh makes that one): run ng1 fine-tunes on the news-gold
# train split (real international news, 4x) with our written statements (own-train, 2x),
# NewsMTSC train (2x) and directed-sentiment train, with early stopping and the neutral
# logit bias on the mean macro-F1 of news-gold dev and own-dev; soup1 is the weight
# average of ng1 and the committed model, its bias chosen on the same dev sets. The
# news-gold test split is never read here. About 35 minutes on 2 cores.
# Usage: scripts/train-news-gold.sh [OUT_DIR]   (writes OUT_DIR/ng1 and OUT_DIR/soup1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-target/stance-runs}"
shared="${STANCEMAP_SHARED:-../shared}/datasets"
news="$shared/newsmtsc/newsmtsc-train.pairs.jsonl"
ds="$shared/directed-sentiment/ds-train.pairs.jsonl"
for f in "$news" "$ds"; do
  [ -f "$f" ] || { echo "error: $f not found (set STANCEMAP_SHARED to the folder holding datasets/)" >&2; exit 1; }
done
cargo build --release
bin="${CARGO_TARGET_DIR:-target}/release/stancemap"
gold=data/news-gold/train
own=data/stance/own-train.pairs.jsonl
"$bin" --threads 2 --engine candle train \
  --data "$gold" "$gold" "$gold" "$gold" "$own" "$own" "$news" "$news" "$ds" \
  --dev data/news-gold/dev data/stance/own-dev.pairs.jsonl \
  --out "$out/ng1" --mode statement --train-layers 4 --epochs 6 --epoch-size 6000 \
  --batch-size 16 --lr 1e-4 --seed 13 --patience 2
"$bin" --engine candle model average models/stance "$out/ng1" --out "$out/soup1" \
  --dev data/news-gold/dev data/stance/own-dev.pairs.jsonl
