#!/usr/bin/env python3
"""Score `stancemap eval --predictions` output on the pairs whose sentence does not
occur in a training file (ds-valid shares 392 sentences with ds-train).

Usage: scripts/score-unseen.py PREDICTIONS.jsonl GOLD.pairs.jsonl TRAIN.pairs.jsonl
Prints macro-F1 and accuracy over the unseen pairs, beside all pairs.
"""
import json
import sys

LABELS = ["hostile", "conciliatory", "neutral"]


def macro_f1(pairs):
    f1s = []
    for label in LABELS:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        support = sum(1 for g, _ in pairs if g == label)
        predicted = sum(1 for _, p in pairs if p == label)
        if support == 0:
            continue
        prec = tp / predicted if predicted else 0.0
        rec = tp / support
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def main():
    preds_path, gold_path, train_path = sys.argv[1:4]
    preds = {}
    for line in open(preds_path, encoding="utf-8"):
        p = json.loads(line)
        preds[p["id"]] = p["label"]
    seen = {json.loads(l)["text"] for l in open(train_path, encoding="utf-8") if l.strip()}
    every, unseen = [], []
    for line in open(gold_path, encoding="utf-8"):
        if not line.strip():
            continue
        g = json.loads(line)
        pair = (g["label"], preds[g["id"]])
        every.append(pair)
        if g["text"] not in seen:
            unseen.append(pair)
    for name, pairs in (("all", every), ("unseen", unseen)):
        acc = sum(1 for g, p in pairs if g == p) / len(pairs)
        print(f"{name:7} pairs {len(pairs):5}  macro-F1 {macro_f1(pairs):.3f}  accuracy {acc:.3f}")


if __name__ == "__main__":
    main()
