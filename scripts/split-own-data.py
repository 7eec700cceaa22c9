#!/usr/bin/env python3
"""Split our own labeled statements (data/stance/raw-*.pairs.jsonl) by statement
into train (70%), dev (10%, for early stopping) and test (20%, held out: never
trained on). All pairs of one statement land in the same split; the split is a
fixed function of the statement id, so it never changes when data is added.

Usage: scripts/split-own-data.py
"""
import hashlib
import json
from pathlib import Path

root = Path(__file__).resolve().parent.parent / "data" / "stance"
splits = {"train": [], "dev": [], "test": []}
for raw in sorted(root.glob("raw-*.pairs.jsonl")):
    for line in raw.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        pair = json.loads(line)
        statement = pair["id"].rsplit("-", 1)[0]
        bucket = int(hashlib.sha256(statement.encode()).hexdigest(), 16) % 10
        split = "test" if bucket < 2 else "dev" if bucket == 2 else "train"
        splits[split].append(line)
for name, lines in splits.items():
    (root / f"own-{name}.pairs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    statements = {json.loads(l)["id"].rsplit("-", 1)[0] for l in lines}
    print(f"own-{name}: {len(statements)} statements, {len(lines)} pairs")
