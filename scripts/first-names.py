#!/usr/bin/env python3
"""Mine first names by sex from unlabeled news: a person written `First Last` in an article
that also calls them `Mr. Last` (a man) or `Mrs.`/`Ms.`/`Miss Last` (a woman).

Reads the news pool (../shared/datasets/news-pool/pool.jsonl), leaving out every article of
news-gold dev and test (their ids), and prints `first<TAB>men<TAB>women` for each first
name seen, most seen first. data/words/male-first-names.txt and female-first-names.txt
take the names seen at least --min times for one sex and at most a tenth as often for the
other (`Donald`: 99 men, 1 woman, Melania Trump written `Mrs. Trump` beside him).

Usage: python3 scripts/first-names.py [--pool FILE] [--min N] [--write]
(the lists hold the names of `--min 2 --write`)
  --write  append the qualifying names that the two lists lack, sorted, under a comment
"""
import argparse, collections, json, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parent.parent
NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# `First Last` and `First M. Last`: the first name, and the last name to look up.
FULL = re.compile(rf"\b({NAME})(?: [A-Z]\.)? ({NAME})\b")
HONORIFIC = re.compile(rf"\b(Mr|Mrs|Ms|Miss)\.? ({NAME})\b")
# Capitalised words that open a name run without being first names.
NOT_FIRST = {
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "And", "But", "Or",
    "President", "Prime", "Minister", "Secretary", "Senator", "Sen", "Rep", "General",
    "Gen", "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "King", "Queen",
    "Prince", "Princess", "Pope", "Judge", "Chief", "Governor", "Mayor", "Speaker",
    "Former", "Foreign", "Defense", "Defence", "State", "House", "Senate", "White", "New",
    "North", "South", "East", "West", "United", "Supreme", "Justice", "Attorney",
    "Ambassador", "Deputy", "Vice", "Colonel", "Captain", "Admiral", "Major", "Sergeant",
}


# Worn by either sex, whatever the news shows (`Lindsey Graham`): see the lists' headers.
UNISEX = {
    "lindsey", "jordan", "morgan", "kim", "leslie", "robin", "jamie", "ashley", "sam", "jan",
    "sung",
}


def held_out_ids():
    ids = set()
    for split in ("dev", "test"):
        for path in (ROOT / "data" / "news-gold" / split).glob("*.jsonl"):
            ids.add(path.stem)
    return ids


def mine(pool, skip):
    counts = collections.defaultdict(lambda: [0, 0])
    lower_words = collections.Counter()
    with open(pool, encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            if article["id"] in skip:
                continue
            text = article.get("text", "")
            sex_of_last = {}
            for m in HONORIFIC.finditer(text):
                sex = 0 if m.group(1) == "Mr" else 1
                sex_of_last.setdefault(m.group(2), set()).add(sex)
            firsts = {}
            # A word the article also writes in lower case (`As`, `Chairman`) is no name.
            lower = set(re.findall(r"\b[a-z]+\b", text))
            lower_words.update(lower)
            for m in FULL.finditer(text):
                first, last = m.group(1), m.group(2)
                # `Hillary Rodham Clinton`: a capitalised word before makes it a middle name.
                if re.search(r"[A-Z][a-z]+ $", text[max(0, m.start() - 30):m.start()]):
                    continue
                if first not in NOT_FIRST and first.lower() not in lower:
                    firsts.setdefault(last, set()).add(first)
            for last, sexes in sex_of_last.items():
                if len(sexes) != 1:
                    continue
                sex = next(iter(sexes))
                # A last name worn by two first names in the article tells nothing.
                names = firsts.get(last, set())
                if len(names) == 1:
                    counts[next(iter(names)).lower()][sex] += 1
    # A word written in lower case in many articles (`how`, `chairman`) is no first name.
    return {n: c for n, c in counts.items() if lower_words[n] < 10 and n not in UNISEX}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", default=str(ROOT.parent / "shared/datasets/news-pool/pool.jsonl"))
    ap.add_argument("--min", type=int, default=3)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    counts = mine(args.pool, held_out_ids())
    if not args.write:
        for name, (men, women) in sorted(counts.items(), key=lambda kv: -sum(kv[1])):
            print(f"{name}\t{men}\t{women}")
        return
    words = ROOT / "data" / "words"
    for sex, file in ((0, "male-first-names.txt"), (1, "female-first-names.txt")):
        path = words / file
        have = {l.strip() for l in path.read_text(encoding="utf-8").splitlines()}
        other = words / ("female-first-names.txt" if sex == 0 else "male-first-names.txt")
        other_have = {l.strip() for l in other.read_text(encoding="utf-8").splitlines()}
        new = sorted(
            n for n, c in counts.items()
            if c[sex] >= args.min and 10 * c[1 - sex] <= c[sex]
            and n not in have and n not in other_have
        )
        if new:
            with open(path, "a", encoding="utf-8") as out:
                out.write(f"# Mined by scripts/first-names.py --min {args.min} (news pool, "
                          "news-gold dev and test left out):\n")
                out.write("".join(f"{n}\n" for n in new))
        print(f"{file}: {len(new)} names added")


if __name__ == "__main__":
    main()
