#!/usr/bin/env python3
"""Hold out a dev slice of a pair file for early stopping.

Splits SRC into OUT_DIR/NAME.fit.pairs.jsonl and OUT_DIR/NAME.dev.pairs.jsonl, where
NAME is SRC's name without `.pairs.jsonl`. A pair goes to dev when a hash of its
sentence falls under PERCENT, so all pairs of one sentence land on the same side and
the split never changes between runs or machines. `split_pairs` is also what
scripts/dev-slices.py splits with (its hash differs, so that both splits stay as the
committed models were trained on them).

Usage: scripts/holdout.py SRC OUT_DIR PERCENT
"""
import hashlib
import json
import sys
from pathlib import Path
from typing import Callable


def split_pairs(src: Path, is_held_out: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """The lines of the pair file `src` as (kept, held out), by `is_held_out(sentence)`.

    Raises ValueError naming the file and line of a record that is not a pair.
    """
    kept, held = [], []
    with src.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            try:
                text = json.loads(line)["text"]
            except (ValueError, KeyError, TypeError) as e:
                raise ValueError(f"{src}:{number}: not a pair record ({e})") from e
            (held if is_held_out(text) else kept).append(line)
    return kept, held


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip())
    src, out_dir, percent = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
    name = src.name.removesuffix(".pairs.jsonl")
    out_dir.mkdir(parents=True, exist_ok=True)

    def in_dev(text: str) -> bool:
        bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 10000
        return bucket < percent * 100

    try:
        fit, dev = split_pairs(src, in_dev)
    except (OSError, ValueError) as e:
        sys.exit(f"error: {e}")
    write_lines(out_dir / f"{name}.fit.pairs.jsonl", fit)
    write_lines(out_dir / f"{name}.dev.pairs.jsonl", dev)
    print(f"{src}: {len(fit)} pairs to fit, {len(dev)} held out for dev", file=sys.stderr)


if __name__ == "__main__":
    main()
