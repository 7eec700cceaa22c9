#!/usr/bin/env python3
"""How far the parties named near a statement reach into its gold targets (README,
"Targets and known people (sixteenth session)").

For the predicted statements that match a gold one (content spans sharing at least half
the gold span, one to one, as `stancemap eval` matches them), it counts the gold targets
covered by the predicted targets, by every party named in the statement's paragraph, and
by every party named within 300 characters of the content, with the candidates each
way; and, of the gold targets missed whose content names no alias of the party, how
many stand behind `the president`, `the government`, `the administration` or `the
regime`. Parties are found by their aliases in data/parties.tsv (markers dropped): an
approximation of the gazetteer, good for these counts.

Usage: stancemap quotes GOLD_DIR > pred.jsonl
       scripts/target-candidates.py GOLD_DIR pred.jsonl [MAX_ARTICLES]
"""
import glob
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOW = 300
HOME_WORDS = re.compile(r"(?<!\w)the (president|government|administration|regime)(?!\w)")


def aliases():
    out = {}
    for line in (ROOT / "data" / "parties.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3:
            continue
        names = [a.strip().lstrip("?@~!") for a in cols[2].split(" | ")]
        out.setdefault(cols[0], set()).update(a for a in names if a)
    return {p: re.compile("|".join(r"(?<!\w)" + re.escape(a) + r"(?!\w)"
                                   for a in sorted(al, key=len, reverse=True)))
            for p, al in out.items()}


def match(gold, pred):
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            length = g["end"] - g["start"]
            if overlap > 0 and 2 * overlap >= length:
                cands.append((-overlap, abs(length - (p["end"] - p["start"])), gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def main():
    gold_dir, pred_path = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else None
    patterns = aliases()
    preds = {}
    for line in open(pred_path, encoding="utf-8"):
        article = json.loads(line)
        preds[article["id"]] = article
    named = lambda s: {p for p, rx in patterns.items() if rx.search(s)}
    total = 0
    covered = {"predicted": 0, "paragraph": 0, "window": 0}
    candidates = dict.fromkeys(covered, 0)
    unnamed_missed = home_word_missed = 0
    for path in sorted(glob.glob(gold_dir + "/*.jsonl"))[:limit]:
        gold = json.loads(open(path, encoding="utf-8").readline())
        text, pred = gold["text"], preds.get(gold["id"])
        if pred is None:
            continue
        for gi, pi in match(gold["statements"], pred["statements"]):
            g, p = gold["statements"][gi], pred["statements"][pi]
            predicted = set(p.get("targets") or [])
            start = text.rfind("\n", 0, g["start"]) + 1
            end = text.find("\n", g["end"])
            ways = {
                "predicted": predicted,
                "paragraph": predicted | named(text[start:len(text) if end < 0 else end]),
                "window": predicted | named(text[max(0, g["start"] - WINDOW):g["end"] + WINDOW]),
            }
            for way, parties in ways.items():
                candidates[way] += len(parties)
            content = text[g["start"]:g["end"]]
            for stance in g["stances"]:
                target = stance["target"]
                total += 1
                for way, parties in ways.items():
                    covered[way] += target in parties
                if target not in predicted and target in patterns \
                        and not patterns[target].search(content):
                    unnamed_missed += 1
                    home_word_missed += bool(HOME_WORDS.search(content.lower()))
    print(f"gold targets of matched statements: {total}")
    for way in covered:
        print(f"{way}: recall {covered[way] / max(1, total):.3f}, candidates {candidates[way]}")
    print(f"missed targets the content names by no alias: {unnamed_missed}, of which behind "
          f"the president/government/administration/regime: {home_word_missed}")


if __name__ == "__main__":
    main()
