#!/usr/bin/env bash
# Train the stance model for real international news (README, "Stance models trained on
# news-gold"). The news-gold test split is never read here: every choice is made on dev.
#
# The committed model (models/stance, 2026-12-06) is soup9: the weight average of ng9 and
# the model committed on 2026-11-29 (commit 9a922a8, trained with scripts/train.sh before
# offsets carried their unit), calibrated on news-gold dev. ng9 is the ng8
# recipe with 6 epochs instead of 4 (best epoch 6; 4,036 s on 2 cores with builds beside
# it). Alone, ng9 turns two of the NATO example's stances toward NATO neutral or
# conciliatory; the average holds all nine hostile.
#
#   ng8  fine-tunes the top 4 encoder layers on news-gold train (4x), all of news-silver
#        (1x, 120 batches built by scripts/news_silver.py), our written statements
#        (own-train, 6x, with the reported characterisations of sets I and J), NewsMTSC
#        train (2x) and directed-sentiment train, the last two less a dev slice of each
#        (scripts/dev-slices.py: 12% and 6% of their sentences, by hash). Early stopping,
#        the neutral bias and the temperature are chosen on the mean over four dev sets:
#        news-gold dev, own-dev and the two slices, so the NewsMTSC and
#        directed-sentiment floors are watched on dev, not on their test files. About 35
#        minutes on 2 cores.
#
# The earlier candidates of the README's table differ only in their data lines: ng5 read
# the first 90 silver batches (`news_silver.py build --batches 90`) and own-train 2x
# before sets I and J; ng6 as ng5 with own-train 6x; ng7 as ng8 before sets I and J.
#
# Usage: scripts/train-news-gold.sh [OUT_DIR]   (writes OUT_DIR/ng9 and OUT_DIR/soup9)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-target/stance-runs}"
shared="${STANCEMAP_SHARED:-../shared}/datasets"
[ -d "$shared/newsmtsc" ] || { echo "error: $shared not found (set STANCEMAP_SHARED to the folder holding datasets/)" >&2; exit 1; }
slices="$out/slices"
python3 scripts/dev-slices.py "$shared" "$slices"
python3 scripts/news_silver.py build
cargo build --release
bin="${CARGO_TARGET_DIR:-target}/release/stancemap"
gold=data/news-gold/train
silver=data/news-silver/train
own=data/stance/own-train.pairs.jsonl
dev=(data/news-gold/dev data/stance/own-dev.pairs.jsonl
     "$slices/newsmtsc.dev.pairs.jsonl" "$slices/ds.dev.pairs.jsonl")
"$bin" --threads 2 --engine candle train \
  --data "$gold" "$gold" "$gold" "$gold" "$silver" "$own" "$own" "$own" "$own" "$own" "$own" \
         "$slices/newsmtsc.train.pairs.jsonl" "$slices/newsmtsc.train.pairs.jsonl" \
         "$slices/ds.train.pairs.jsonl" \
  --dev "${dev[@]}" \
  --out "$out/ng9" --mode statement --train-layers 4 --epochs 6 --epoch-size 6000 \
  --batch-size 16 --lr 1e-4 --seed 13 --patience 2
# The model of 2026-11-29 as git holds it, then the average.
old_model="$out/model-2026-11-29"
git cat-file -e 9a922a8 2>/dev/null ||
  { echo "error: needs commit 9a922a8 (the model of 2026-11-29): use a full clone" >&2; exit 1; }
mkdir -p "$old_model"
git show 9a922a8:models/stance/stance.safetensors > "$old_model/stance.safetensors"
git show 9a922a8:models/stance/manifest.json > "$old_model/manifest.json"
"$bin" model average "$out/ng9" "$old_model" --out "$out/soup9"
# The probabilities are for real news: the neutral bias and the temperature are chosen
# again on news-gold dev alone (+0.25 and 1.75; dev calibration error 0.092 -> 0.026).
"$bin" model calibrate --stance-model "$out/soup9" --dev data/news-gold/dev
