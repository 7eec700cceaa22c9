#!/usr/bin/env python3
"""news-silver: stance training data from real news, drafted by the pipeline, labeled by a reader.

news-gold (data/news-gold/) is read in full by two readers, which makes it slow to grow.
news-silver trades the full reading for volume: `stancemap quotes` drafts the statements
and targets of more pool articles, and one reader, following ../shared/annotation/GUIDE.md,
drops what is not a statement, corrects the speaker's party, fixes the targets and labels
every (statement, target) stance. Silver is for training only: it is never scored, and
only articles whose news-gold split (the id hash of scripts/news_gold.py) is `train` are
taken, so no dev or test article, nor an article that would be one, is ever trained on.

  news_silver.py select --count N       write data/news-silver/queue.tsv (pool articles outside news-gold)
  news_silver.py batch --bin STANCEMAP  draft the queued articles not yet in a batch with `quotes`;
                                        write batches/bNNN.{json,txt}
  news_silver.py check LABELS           validate a reader's label file (labels/bNNN.jsonl)
  news_silver.py build [--batches N]    write data/news-silver/train/<id>.jsonl from the batches and labels
                                        (of the first N batches only, with --batches)
  news_silver.py stats                  articles, statements, pairs and labels built

Only the standard library; `select` and `batch` read ../shared/datasets/news-pool/pool.jsonl.
"""

import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys

import news_gold as gold

ROOT = gold.ROOT
SILVER = os.path.join(ROOT, "data", "news-silver")
QUEUE = os.path.join(SILVER, "queue.tsv")
BATCHES = os.path.join(SILVER, "batches")
LABELS_DIR = os.path.join(SILVER, "labels")
TRAIN = os.path.join(SILVER, "train")
PER_BATCH = 12


def gold_ids_and_titles():
    """Ids queued for news-gold, and the titles of its dev and test articles (near-duplicate guard)."""
    ids = set(gold.read_queue())
    titles = set()
    for split in ("dev", "test"):
        folder = os.path.join(gold.GOLD, split)
        for name in os.listdir(folder):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                titles.add(gold.title_key(json.loads(f.readline())))
    titles.discard("")
    return ids, titles


def cmd_select(args):
    if os.path.exists(QUEUE) and not args.force:
        sys.exit(f"{QUEUE} exists; use --force with a larger --count to extend it (the order "
                 "is fixed, so the queued articles keep their ranks)")
    ids, titles = gold_ids_and_titles()
    rows = []
    for r in gold.pool_rows():
        text = gold.article_text(r)
        if r["id"] in ids or gold.split_of(r["id"]) != "train":
            continue
        if gold.title_key(r) in titles:
            continue
        if gold.is_candidate(text, args.min_chars, args.max_chars):
            rows.append(r)
    by_region = collections.defaultdict(list)
    for r in rows:
        by_region[gold.region_of(r)].append(r)
    for rs in by_region.values():
        rs.sort(key=lambda r: hashlib.sha256(("silver" + r["id"]).encode()).hexdigest())
    picked = gold.round_robin(by_region, args.count)
    os.makedirs(SILVER, exist_ok=True)
    with open(QUEUE, "w", encoding="utf-8") as f:
        f.write("# rank\tid\tregion\toutlet\tdate\tchars\n")
        for rank, r in enumerate(picked):
            f.write(f"{rank}\t{r['id']}\t{gold.region_of(r)}\t{r.get('outlet') or r['source']}\t"
                    f"{r.get('date') or ''}\t{len(gold.article_text(r))}\n")
    print(f"wrote {len(picked)} articles to {QUEUE}")


def read_silver_queue():
    with open(QUEUE, encoding="utf-8") as f:
        return [line.split("\t")[1] for line in f if not line.startswith("#")]


def cmd_batch(args):
    queue = read_silver_queue()
    # Batches already written stay as they are: their labels refer to their statements.
    first = 0
    while os.path.exists(os.path.join(BATCHES, f"b{first // PER_BATCH:03d}.json")):
        first += PER_BATCH
    queue = queue[first:]
    if not queue:
        print("every queued article is in a batch already")
        return
    rows = {r["id"]: r for r in gold.pool_rows() if r["id"] in set(queue)}
    articles = []
    for article_id in queue:
        r = rows[article_id]
        articles.append({"id": r["id"], "text": gold.article_text(r), "date": r.get("date"),
                         "title": r.get("title"), "source": "news-pool: " + r["source"],
                         "publisher": r.get("outlet"), "url": r.get("url")})
    feed = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    out = subprocess.run([args.bin, "quotes", "--format", "jsonl", "-"], input=feed,
                         capture_output=True, text=True, check=True)
    drafted = {}
    for line in out.stdout.splitlines():
        a = json.loads(line)
        drafted[a["id"]] = a
    os.makedirs(BATCHES, exist_ok=True)
    for b in range(0, len(articles), PER_BATCH):
        chunk = [drafted[a["id"]] | {k: a[k] for k in ("source", "publisher", "url")}
                 for a in articles[b:b + PER_BATCH]]
        name = os.path.join(BATCHES, f"b{(first + b) // PER_BATCH:03d}")
        with open(name + ".json", "w", encoding="utf-8") as f:
            json.dump(chunk, f, ensure_ascii=False)
        with open(name + ".txt", "w", encoding="utf-8") as f:
            f.write(render_batch(chunk))
    print(f"wrote {(len(articles) + PER_BATCH - 1) // PER_BATCH} batches to {BATCHES} "
          f"(from b{first // PER_BATCH:03d})")


def render_batch(chunk):
    """The text a reader labels from: each article, then its drafted statements."""
    parts = []
    for a in chunk:
        parts.append(f"=== ARTICLE {a['id']}  date {a.get('date') or '?'}\n{a['text']}\n")
        parts.append(f"--- DRAFTED STATEMENTS of {a['id']}\n")
        for n, s in enumerate(a["statements"]):
            parts.append(f"[{n}] speaker: {s['speaker'] or '?'} | speaker_party: "
                         f"{s.get('speaker_party')} | cue: {s.get('cue') or ''} | "
                         f"targets: {', '.join(s.get('targets') or []) or '-'}\n"
                         f"    content: {s['content']}\n")
        parts.append("\n")
    return "".join(parts)


def known_parties():
    names = set()
    with open(os.path.join(ROOT, "data", "parties.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                names.add(line.split("\t")[0].strip())
    return names


def read_labels(path, batch):
    """The reader's lines of a label file, checked against its batch; (labels, errors)."""
    statements = {(a["id"], n) for a in batch for n in range(len(a["statements"]))}
    labels, errors = {}, []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                key = (rec["id"], int(rec["n"]))
            except (ValueError, KeyError, TypeError) as e:
                errors.append(f"{path}:{line_no}: {e}")
                continue
            if key not in statements:
                errors.append(f"{path}:{line_no}: no statement {key} in the batch")
                continue
            for st in rec.get("stances", []):
                if st.get("label") not in gold.LABELS or not st.get("target"):
                    errors.append(f"{path}:{line_no}: bad stance {st}")
            labels[key] = rec
    return labels, errors


def complete_articles(batch, labels):
    """Ids of the batch's articles that have a line for every drafted statement."""
    return {a["id"] for a in batch
            if all((a["id"], n) in labels for n in range(len(a["statements"])))}


def batch_of(label_path):
    name = os.path.basename(label_path).split(".")[0]
    with open(os.path.join(BATCHES, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def cmd_check(args):
    batch = batch_of(args.labels)
    labels, errors = read_labels(args.labels, batch)
    parties = known_parties()
    new = collections.Counter(st["target"] for rec in labels.values()
                              for st in rec.get("stances", []) if st.get("target") not in parties)
    for e in errors:
        print("error:", e)
    if new:
        print("targets not in data/parties.tsv (fine if a stable name the guide allows):",
              ", ".join(f"{k} ({v})" for k, v in new.most_common()))
    done = complete_articles(batch, labels)
    for a in batch:
        have = sum(1 for n in range(len(a["statements"])) if (a["id"], n) in labels)
        if a["id"] not in done and have:
            print(f"partial: {a['id']} has {have} of {len(a['statements'])} statements labeled "
                  f"(an article is built only when all are)")
    print(f"{len(done)} of {len(batch)} articles complete")
    kept = sum(1 for r in labels.values() if r.get("keep", True))
    pairs = sum(len(r.get("stances", [])) for r in labels.values() if r.get("keep", True))
    print(f"{len(labels)} statements labeled, {kept} kept, {pairs} pairs; {len(errors)} errors")
    return 1 if errors else 0


def cmd_build(args):
    if os.path.isdir(TRAIN):
        for name in os.listdir(TRAIN):
            os.remove(os.path.join(TRAIN, name))
    os.makedirs(TRAIN, exist_ok=True)
    built = 0
    # An article read in full for news-gold is trained on from there, not twice; a dev or
    # test article never (queued ones included, read or not).
    # With --gold-max-rank, a train article of a later queue rank counts as not yet read,
    # so the silver a model was trained on beside an earlier gold can be rebuilt.
    queue = gold.read_queue()
    in_gold = {a["id"] for split in gold.SPLITS for a in gold.read_gold(split)
               if args.gold_max_rank is None or split != "train"
               or queue.get(a["id"], {}).get("rank", 0) <= args.gold_max_rank}
    in_gold |= {aid for aid, q in queue.items() if q["split"] != "train"}
    for name in sorted(os.listdir(LABELS_DIR)):
        if args.batches is not None and int(name[1:4]) >= args.batches:
            continue
        path = os.path.join(LABELS_DIR, name)
        batch = batch_of(path)
        labels, errors = read_labels(path, batch)
        if errors:
            print(f"skipping {path}: {len(errors)} errors (run check)", file=sys.stderr)
            continue
        reader = name.split(".")[1] if name.count(".") >= 2 else "?"
        done = complete_articles(batch, labels)
        for a in batch:
            if a["id"] not in done or a["id"] in in_gold:
                continue
            statements = []
            for n, s in enumerate(a["statements"]):
                rec = labels[(a["id"], n)]
                if not rec.get("keep", True) or not rec.get("stances"):
                    continue
                mention = s.get("speaker_mention")
                statements.append({
                    "speaker": s["speaker"], "speaker_party": rec.get("speaker_party"),
                    "cue": s.get("cue") or "", "content": s["content"],
                    "start": s["start"], "end": s["end"], "kind": s.get("kind", "indirect"),
                    "stances": [{"target": st["target"], "label": st["label"]}
                                for st in rec["stances"]],
                    "speaker_spans": [[mention["start"], mention["end"]]] if mention else [],
                })
            record = {"id": a["id"], "text": a["text"], "title": a.get("title"),
                      "date": a.get("date"), "publisher": a.get("publisher"),
                      "url": a.get("url"), "source": a["source"], "split": "silver-train",
                      "annotation": {"drafted_by": "stancemap quotes", "labeled_by": reader,
                                     "guide": "shared/annotation/GUIDE.md"},
                      "statements": statements}
            with open(os.path.join(TRAIN, a["id"] + ".jsonl"), "w", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
            built += 1
    print(f"built {built} silver articles in {TRAIN}")


def cmd_stats(args):
    counts = collections.Counter()
    for name in sorted(os.listdir(TRAIN)):
        with open(os.path.join(TRAIN, name), encoding="utf-8") as f:
            a = json.loads(f.readline())
        counts["articles"] += 1
        counts["statements"] += len(a["statements"])
        for s in a["statements"]:
            for st in s["stances"]:
                counts["pairs"] += 1
                counts[st["label"]] += 1
    print(json.dumps(counts, indent=1))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("select")
    s.add_argument("--count", type=int, default=360)
    s.add_argument("--min-chars", type=int, default=1200)
    s.add_argument("--max-chars", type=int, default=8000)
    s.add_argument("--force", action="store_true")
    b = sub.add_parser("batch")
    b.add_argument("--bin", required=True, help="the stancemap binary that drafts")
    c = sub.add_parser("check")
    c.add_argument("labels")
    bd = sub.add_parser("build")
    bd.add_argument("--batches", type=int, default=None,
                    help="only batches b000 up to this number (exclusive), to rebuild what a model read")
    bd.add_argument("--gold-max-rank", type=int, default=None,
                    help="leave out only the news-gold train articles up to this queue rank "
                         "(what a model read beside the silver; default: all read ones)")
    sub.add_parser("stats")
    args = p.parse_args()
    return {"select": cmd_select, "batch": cmd_batch, "check": cmd_check,
            "build": cmd_build, "stats": cmd_stats}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main() or 0)
