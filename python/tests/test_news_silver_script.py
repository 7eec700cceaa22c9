"""scripts/news_silver.py build: which silver articles a stance model read beside news-gold."""

import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SILVER_TRAIN = ROOT / "data" / "news-silver" / "train"


def build(*flags):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "news_silver.py"), "build", *flags],
                   check=True, capture_output=True, cwd=ROOT)
    return {p.name for p in SILVER_TRAIN.iterdir()}


def gold_train_ranks():
    ranks = {}
    for line in (ROOT / "data" / "news-gold" / "queue.tsv").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rank, aid, split = line.split("\t")[:3]
        if split == "train" and (ROOT / "data" / "news-gold" / "train" / f"{aid}.jsonl").exists():
            ranks[aid] = int(rank)
    return ranks


def test_gold_max_rank_leaves_out_only_the_gold_read_by_then():
    try:
        early = build("--gold-max-rank", "1039")
        now = build()
        ranks = gold_train_ranks()
        # Today's silver holds no article read into news-gold at all.
        assert not {f"{aid}.jsonl" for aid in ranks} & now
        # The earlier silver holds articles read into gold later, and none read by rank 1039.
        later = {f"{aid}.jsonl" for aid, rank in ranks.items() if rank > 1039}
        assert early > now and early - now <= later
        assert not {f"{aid}.jsonl" for aid, rank in ranks.items() if rank <= 1039} & early
        for name in sorted(early)[:3]:
            record = json.loads((SILVER_TRAIN / name).read_text().splitlines()[0])
            assert record["split"] == "silver-train"
    finally:
        build()
