#!/usr/bin/env python3
"""Hold out a dev slice of a pair file for early stopping.

Splits SRC into OUT_DIR/NAME.fit.pairs.jsonl and OUT_DIR/NAME.dev.pairs.jsonl, where
NAME is SRC's name without `.pairs.jsonl`. A pair goes to dev when a hash of its
sentence falls under PERCENT, so all pairs of one sentence land on the same side and
the split never changes between runs or machines.

Usage: scripts/holdout.py SRC OUT_DIR PERCENT
"""
import hashlib
import json
import sys
from pathlib import Path

if len(sys.argv) != 4:
    sys.exit(__doc__.strip())
src, out_dir, percent = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
name = src.name.removesuffix(".pairs.jsonl")
out_dir.mkdir(parents=True, exist_ok=True)
fit, dev = [], []
for number, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
    if not line.strip():
        continue
    try:
        text = json.loads(line)["text"]
    except (ValueError, KeyError) as e:
        sys.exit(f"{src}:{number}: not a pair record ({e})")
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 10000
    (dev if bucket < percent * 100 else fit).append(line)
for kind, lines in (("fit", fit), ("dev", dev)):
    (out_dir / f"{name}.{kind}.pairs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{src}: {len(fit)} pairs to fit, {len(dev)} held out for dev", file=sys.stderr)
