#!/usr/bin/env bash
# The candidate stance models trained for real international news (README, "Stance models
# trained on news-gold"; not committed: they lose the NATO example's stances toward NATO).
# The news-gold test split is never read here: every choice is made on dev.
#
#   ng5    fine-tunes the top 4 encoder layers on news-gold train (4x), news-silver (1x,
#          batches b000-b089 built by scripts/news_silver.py), our written
#          statements (own-train, 2x), NewsMTSC train (2x) and directed-sentiment train,
#          the last two less a dev slice of each (scripts/dev-slices.py: 12% and 6% of
#          their sentences, by hash). Early stopping, the neutral bias and the temperature
#          are chosen on the mean over four dev sets: news-gold dev, own-dev and the two
#          slices, so the NewsMTSC and directed-sentiment floors are watched on dev, not on
#          their test files. About 40 minutes on 2 cores.
#   soup5  the weight average of ng5 and the previous model (models/stance), calibrated on
#          the same dev sets.
#
# Usage: scripts/train-news-gold.sh [OUT_DIR]   (writes OUT_DIR/ng5 and OUT_DIR/soup5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-target/stance-runs}"
shared="${STANCEMAP_SHARED:-../shared}/datasets"
[ -d "$shared/newsmtsc" ] || { echo "error: $shared not found (set STANCEMAP_SHARED to the folder holding datasets/)" >&2; exit 1; }
slices="$out/slices"
python3 scripts/dev-slices.py "$shared" "$slices"
# ng5 read the first 90 batches (1,080 articles); later batches came after it.
python3 scripts/news_silver.py build --batches 90
cargo build --release
bin="${CARGO_TARGET_DIR:-target}/release/stancemap"
gold=data/news-gold/train
silver=data/news-silver/train
own=data/stance/own-train.pairs.jsonl
dev=(data/news-gold/dev data/stance/own-dev.pairs.jsonl
     "$slices/newsmtsc.dev.pairs.jsonl" "$slices/ds.dev.pairs.jsonl")
"$bin" --threads 2 --engine candle train \
  --data "$gold" "$gold" "$gold" "$gold" "$silver" "$own" "$own" \
         "$slices/newsmtsc.train.pairs.jsonl" "$slices/newsmtsc.train.pairs.jsonl" \
         "$slices/ds.train.pairs.jsonl" \
  --dev "${dev[@]}" \
  --out "$out/ng5" --mode statement --train-layers 4 --epochs 4 --epoch-size 6000 \
  --batch-size 16 --lr 1e-4 --seed 13 --patience 2
"$bin" --engine candle model average models/stance "$out/ng5" --out "$out/soup5" --dev "${dev[@]}"
