#!/usr/bin/env bash
# Train the stance model for real international news (README, "Stance models trained on
# news-gold"). The news-gold test split is never read here: every choice is made on dev.
#
# The committed model (models/stance, 2026-12-06, eighth session) reads the target's
# mentions marked (`--mode marked`) and is the weight average of ng9 twice and own12 once
# (ng9 weighs two thirds), calibrated on news-gold dev: about 90 minutes in all on 2 cores
# (ng9 4,122 s, best epoch 5; own12 1,017 s). ng9 is the ng8 recipe below with 6 epochs
# instead of 4; alone, it turns one of the NATO example's nine stances toward NATO
# conciliatory, and so does the average that gives it three quarters. own12 is our written
# statements 12x with the two train slices; the two-thirds average holds all nine hostile.
# The model of the seventh session was the same recipe in `statement` mode with ng9 and
# own12 averaged half and half (STANCEMAP_STANCE_MODE=statement, and one "$out/ng9" in the
# `model average` line below).
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
# Usage: scripts/train-news-gold.sh [OUT_DIR]   (writes OUT_DIR/{ng9,own12,soup}; soup is
# the committed model). STANCEMAP_STANCE_MODE picks the input mode of both runs
# (`marked`, the default, sets off the target's mentions, one pass per pair; `statement`
# pools each target from one pass per statement).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${1:-target/stance-runs}"
mode="${STANCEMAP_STANCE_MODE:-marked}"
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
  --out "$out/ng9" --mode "$mode" --train-layers 4 --epochs 6 --epoch-size 6000 \
  --batch-size 16 --lr 1e-4 --seed 13 --patience 2
# own12: our written statements 12x with the NewsMTSC and directed-sentiment train
# slices (3 epochs, 1,532 s): the written half that holds the NATO example's reported
# characterisations. Then the average of ng9 and own12.
mapfile -t own12 < <(for _ in $(seq 12); do printf '%s\n' "$own"; done)
"$bin" --threads 2 --engine candle train \
  --data "${own12[@]}" "$slices/newsmtsc.train.pairs.jsonl" \
         "$slices/newsmtsc.train.pairs.jsonl" "$slices/ds.train.pairs.jsonl" \
  --dev "${dev[@]}" \
  --out "$out/own12" --mode "$mode" --train-layers 4 --epochs 3 --epoch-size 6000 \
  --batch-size 16 --lr 1e-4 --seed 13 --patience 2
"$bin" model average "$out/ng9" "$out/ng9" "$out/own12" --out "$out/soup"
# The probabilities are for real news: the neutral bias and the temperature are chosen
# on news-gold dev alone (+0.25 and 1.50; dev calibration error 0.030).
"$bin" model calibrate --stance-model "$out/soup" --dev data/news-gold/dev
