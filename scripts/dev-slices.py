#!/usr/bin/env python3
"""Carve dev slices out of the NewsMTSC and directed-sentiment training pair files.

The committed model must keep its NewsMTSC (devtest-mt) and directed-sentiment (ds-valid)
floors, but those files are test sets: choosing epochs, mixes or soups on them would be
tuning on test. This script holds out a dev slice of each training file instead, grouped
by sentence (every pair of a sentence lands on the same side), chosen by a hash of the
sentence so the split never changes. It writes OUT/<name>.train.pairs.jsonl and
OUT/<name>.dev.pairs.jsonl.

Usage: scripts/dev-slices.py SHARED_DATASETS OUT_DIR
"""
import hashlib
import pathlib
import sys

from holdout import split_pairs, write_lines

# (name, path under datasets/, share of sentences held out for dev)
SOURCES = [
    ("newsmtsc", "newsmtsc/newsmtsc-train.pairs.jsonl", 0.12),
    ("ds", "directed-sentiment/ds-train.pairs.jsonl", 0.06),
]


def held_out(text: str, share: float) -> bool:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    datasets, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for name, rel, share in SOURCES:
        try:
            train, dev = split_pairs(datasets / rel, lambda text: held_out(text, share))
        except (OSError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        write_lines(out / f"{name}.train.pairs.jsonl", train)
        write_lines(out / f"{name}.dev.pairs.jsonl", dev)
        print(f"{name}: {len(train)} train pairs, {len(dev)} dev pairs -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
