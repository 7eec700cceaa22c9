#!/usr/bin/env python3
"""news-gold: the gold corpus of real international news (data/news-gold/).

Annotators write a *draft* per article (content as exact strings, no offsets); this
script checks a draft against the article and the guide's rules, resolves offsets, and
writes the gold record. The corpus, its splits and the agreement figures come from here.

  news_gold.py select            write data/news-gold/queue.tsv (run once; the split is fixed by id hash)
  news_gold.py extend --split S --count N   append N more articles of split S to the queue (ranks kept)
  news_gold.py next --role draft|check --tag TAG   claim the next article to draft or check
  news_gold.py show ID           print an article (the text annotators read, with line offsets)
  news_gold.py check DRAFT       validate a draft and print what it resolves to
  news_gold.py accept DRAFT --checker TAG   write the checked article to data/news-gold/<split>/<id>.jsonl
  news_gold.py parties           party names in use that data/parties.tsv lacks
  news_gold.py rebuild           rebuild every gold file from its checked draft
  news_gold.py agree             agreement of the independently double-annotated drafts
  news_gold.py stats [--json]    articles, statements, pairs, labels, regions per split

Only the standard library; reads ../shared/datasets/news-pool/pool.jsonl for `select`
and `show` (the gold files carry the article text, so nothing else needs ../shared).
"""

import argparse
import collections
import hashlib
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = os.path.join(ROOT, "data", "news-gold")
POOL = os.path.join(ROOT, "..", "shared", "datasets", "news-pool", "pool.jsonl")
QUEUE = os.path.join(GOLD, "queue.tsv")
LABELS = ("hostile", "conciliatory", "neutral")
KINDS = ("direct", "indirect", "mixed")
OPEN_QUOTES = "\"“„«‘'"
CLOSE_QUOTES = "\"”“»’'"
SPLITS = ("train", "dev", "test")


def split_of(article_id):
    """Fixed by a hash of the id, before anything is annotated: 22% test, 15% dev."""
    h = int(hashlib.sha256(article_id.encode()).hexdigest()[:8], 16) % 100
    return "test" if h < 22 else "dev" if h < 37 else "train"


def region_of(row):
    if row.get("topic"):
        return row["topic"]
    return "semeval-2022"


def pool_rows():
    with open(POOL, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def article_text(row):
    """The text annotators read and offsets count into: title line first, as in PolNeAR."""
    body = row["text"]
    title = (row.get("title") or "").strip()
    if title and not body.startswith(title):
        return title + "\n" + body
    return body


def is_candidate(text, min_chars, max_chars):
    """An article worth annotating: of a readable length, with some attribution in it."""
    return min_chars <= len(text) <= max_chars and text.count("said") + text.count("“") >= 3


def round_robin(groups, count):
    """Up to `count` items taken in turn from each group (in sorted key order), so that
    any prefix of the result is spread across the groups. Empties the groups it takes from."""
    picked = []
    while len(picked) < count and any(groups.values()):
        for key in sorted(groups):
            if groups[key] and len(picked) < count:
                picked.append(groups[key].pop(0))
    return picked


def ordered_by_region(rows, count):
    """Up to `count` of `rows` in annotation order: within a region by a hash of the id,
    round-robin over outlets (so outlet and year vary); then round-robin over regions, so
    any prefix is spread across them."""
    by_region = collections.defaultdict(list)
    for r in rows:
        by_region[region_of(r)].append(r)
    ordered = {}
    for region, rs in by_region.items():
        rs.sort(key=lambda r: hashlib.sha256(("order" + r["id"]).encode()).hexdigest())
        per_outlet = collections.defaultdict(list)
        for r in rs:
            per_outlet[r.get("outlet") or r["source"]].append(r)
        queue = []
        while any(per_outlet.values()):
            for k in sorted(per_outlet):
                if per_outlet[k]:
                    queue.append(per_outlet[k].pop(0))
        ordered[region] = queue
    return round_robin(ordered, count)


def title_key(row):
    """A row's title as compared for copies of one story (the pool holds a few)."""
    return (row.get("title") or "").strip().lower()


def queue_line(rank, r, double):
    return (f"{rank}\t{r['id']}\t{split_of(r['id'])}\t{region_of(r)}\t"
            f"{r.get('outlet') or r['source']}\t{r.get('date') or ''}\t"
            f"{len(article_text(r))}\t{'yes' if double else 'no'}\n")


def cmd_select(args):
    if os.path.exists(QUEUE) and not args.force:
        sys.exit(f"{QUEUE} exists; the queue is fixed (use --force only before any annotation)")
    rows = [r for r in pool_rows()
            if is_candidate(article_text(r), args.min_chars, args.max_chars)]
    picked = ordered_by_region(rows, args.count)
    os.makedirs(GOLD, exist_ok=True)
    with open(QUEUE, "w", encoding="utf-8") as f:
        f.write("# rank\tid\tsplit\tregion\toutlet\tdate\tchars\tdouble\n")
        for rank, r in enumerate(picked):
            f.write(queue_line(rank, r, rank < args.double))
    print(f"wrote {len(picked)} articles to {QUEUE}")


def cmd_extend(args):
    """Append `count` more articles of one split to the queue, in the order `select` uses,
    leaving every queued article and its rank as it is. An article whose title equals a
    queued or already picked article's is skipped (the pool holds a few copies of a story)."""
    queued = read_queue()
    titles = set()
    rows = []
    for r in pool_rows():
        if r["id"] in queued:
            titles.add(title_key(r))
        elif split_of(r["id"]) == args.split and is_candidate(
                article_text(r), args.min_chars, args.max_chars):
            rows.append(r)
    titles.discard("")
    picked = []
    for r in ordered_by_region(rows, len(rows)):
        title = title_key(r)
        if title in titles or len(picked) == args.count:
            continue
        if title:
            titles.add(title)
        picked.append(r)
    first = max(q["rank"] for q in queued.values()) + 1
    with open(QUEUE, "a", encoding="utf-8") as f:
        for n, r in enumerate(picked):
            f.write(queue_line(first + n, r, False))
    print(f"appended {len(picked)} {args.split} articles to {QUEUE} (ranks {first}-{first + len(picked) - 1})")


def read_queue():
    out = {}
    with open(QUEUE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rank, aid, split, region, outlet, date, chars, double = line.rstrip("\n").split("\t")
            out[aid] = dict(rank=int(rank), split=split, region=region, outlet=outlet,
                            date=date, chars=int(chars), double=double == "yes")
    return out


def find_row(article_id):
    for r in pool_rows():
        if r["id"] == article_id:
            return r
    sys.exit(f"{article_id}: not in {POOL}")


def cmd_show(args):
    row = find_row(args.id)
    text = article_text(row)
    print(f"# {row['id']} | {row.get('outlet') or row['source']} | {row.get('date')} | "
          f"split {split_of(row['id'])}")
    offset = 0
    for line in text.split("\n"):
        print(f"[{offset}] {line}")
        offset += len(line) + 1


DRAFTS = os.path.join(GOLD, "drafts")
CLAIMS = os.path.join(GOLD, "claims")


def claim(name, tag):
    """Create a claim file atomically; False when someone else holds it."""
    os.makedirs(CLAIMS, exist_ok=True)
    try:
        fd = os.open(os.path.join(CLAIMS, name), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    os.write(fd, tag.encode())
    os.close(fd)
    return True


def drafter_of(aid, letter):
    path = os.path.join(DRAFTS, f"{aid}.{letter}.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        try:
            return json.load(f).get("annotator")
        except json.JSONDecodeError:
            return None


def claim_holder(name):
    try:
        with open(os.path.join(CLAIMS, name), encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def draft_ready(aid, letter):
    """A draft is ready once `check` passed on it, or (older drafts) untouched for 5 minutes."""
    path = os.path.join(DRAFTS, f"{aid}.{letter}.json")
    if not os.path.exists(path):
        return False
    if os.path.exists(os.path.join(CLAIMS, f"{aid}.{letter}.ready")):
        return True
    return time.time() - os.path.getmtime(path) > 300


def is_accepted(aid, split):
    return os.path.exists(os.path.join(GOLD, split, aid + ".jsonl"))


def cmd_next(args):
    """Print `ID LETTER` (draft) or `ID` (check) of the first free article in queue order."""
    queue = sorted(read_queue().items(), key=lambda kv: kv[1]["rank"])
    for aid, q in queue:
        if is_accepted(aid, q["split"]):
            continue
        if args.role == "draft":
            letters = ("a", "b") if q["double"] else ("a",)
            for letter in letters:
                if os.path.exists(os.path.join(DRAFTS, f"{aid}.{letter}.json")):
                    continue
                # The two drafts of a double-annotated article come from two annotators.
                other = "b" if letter == "a" else "a"
                if args.tag in (claim_holder(f"{aid}.{other}.draft"), drafter_of(aid, other)):
                    continue
                if claim(f"{aid}.{letter}.draft", args.tag):
                    print(aid, letter)
                    return
        else:
            letters = ("a", "b") if q["double"] else ("a",)
            if not all(draft_ready(aid, x) for x in letters):
                continue
            if args.tag in [drafter_of(aid, x) for x in letters]:
                continue
            if claim(f"{aid}.check", args.tag):
                print(aid)
                return
    print("none")


def load_draft(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        sys.exit(f"{path}: {e}")


def nearest(text, needle, span, window=400):
    """Start of the whole-word occurrence of `needle` nearest to `span`, outside it, within
    `window` (`he` is never the end of `The`)."""
    best = None
    lo, hi = max(0, span[0] - window), min(len(text), span[1] + window)
    for i in occurrences(text, needle, lo, hi):
        j = i + len(needle)
        inside = i >= span[0] and j <= span[1]
        if not inside:
            dist = span[0] - j if j <= span[0] else i - span[1] if i >= span[1] else 0
            if best is None or dist < best[0]:
                best = (dist, i)
    if best is None:
        # A split quote: the source sits between its parts ("..., he said. ...").
        return next(occurrences(text, needle, span[0], span[1]), None)
    return best[1]


def occurrences(text, needle, lo, hi):
    """Starts of the occurrences of `needle` in text[lo:hi] that cut no word."""
    i = text.find(needle, lo, hi)
    while i != -1:
        if not cuts_word(text, needle, i):
            yield i
        i = text.find(needle, i + 1, hi)


def cuts_word(text, needle, i):
    """True when `needle` at `i` starts or ends inside a word of `text`."""
    j = i + len(needle)
    return (i > 0 and is_word(text[i - 1]) and is_word(needle[0])) or \
           (j < len(text) and is_word(text[j]) and is_word(needle[-1]))


def is_word(c):
    return c.isalnum() or c == "_"


def find_words(text, needle, start, used):
    """First occurrence at or after `start` that does not cut a word and was not used
    (scraped pages repeat paragraphs: the same words quoted twice take the next copy)."""
    i = text.find(needle, start)
    while i != -1:
        if not cuts_word(text, needle, i) and (i, i + len(needle)) not in used:
            return i
        i = text.find(needle, i + 1)
    return -1


def find_unnested(text, content, start, used, spans):
    """As `find_words`, but past occurrences that lie inside an earlier statement's content
    while a later one does not: a short content ("May", "no") is the statement's own words
    further on, not words inside the statement before it. With no such later occurrence
    the first stands (a nested attribution, which `accept` then drops)."""
    first = i = find_words(text, content, start, used)
    while i != -1:
        span = (i, i + len(content))
        if not any(nested_in(span, (a, b)) for _, a, b in spans):
            return i
        i = find_words(text, content, i + 1, used)
    return first


def resolve(draft, text):
    """Turn a draft into gold statements; returns (statements, errors, warnings)."""
    errors, warnings, out = [], [], []
    cursor = 0
    used = set()
    spans = []
    for n, st in enumerate(draft.get("statements", []), 1):
        where = f"statement {n}"
        content = st.get("content", "")
        if not content or content != content.strip():
            errors.append(f"{where}: content is empty or has surrounding spaces: {content[:40]!r}")
            continue
        start = find_unnested(text, content, cursor, used, spans)
        if start == -1:
            start = find_words(text, content, 0, used)
            if start == -1:
                errors.append(f"{where}: content not found verbatim: {content[:60]!r}")
                continue
            warnings.append(f"{where}: listed out of text order")
        end = start + len(content)
        cursor = start
        used.add((start, end))
        spans.append((n, start, end))
        speaker = (st.get("speaker") or "").strip()
        if not speaker:
            errors.append(f"{where}: no speaker")
        kind = st.get("kind")
        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} is not one of {KINDS}")
        enclosed = content[0] in OPEN_QUOTES and content[-1] in CLOSE_QUOTES + ".,"
        if kind == "direct" and not enclosed:
            warnings.append(f"{where}: kind direct but the content is not enclosed in quotes")
        has_quote = any(c in content for c in "\"“”")
        if kind == "indirect" and has_quote:
            warnings.append(f"{where}: kind indirect but the content has quotation marks (mixed?)")
        if content.startswith("that "):
            warnings.append(f"{where}: reported content starts with 'that' (drop the "
                            "complementiser; keep a demonstrative subject: 'that would ...')")
        party = st.get("speaker_party")
        if party is not None and (not isinstance(party, str) or not party.strip()):
            errors.append(f"{where}: speaker_party must be a name or null")
        stances = st.get("stances", [])
        seen = set()
        for s in stances:
            if s.get("label") not in LABELS:
                errors.append(f"{where}: label {s.get('label')!r} is not one of {LABELS}")
            t = (s.get("target") or "").strip()
            if not t:
                errors.append(f"{where}: a stance without target")
            if t in seen:
                errors.append(f"{where}: target {t!r} twice")
            seen.add(t)
        record = {"speaker": speaker, "speaker_party": party, "cue": st.get("cue", ""),
                  "content": content, "start": start, "end": end, "kind": kind,
                  "stances": [{"target": s["target"].strip(), "label": s["label"]}
                              for s in stances if s.get("target") and s.get("label")]}
        mention = st.get("speaker_mention")
        if mention:
            i = nearest(text, mention, (start, end))
            if i is None:
                warnings.append(f"{where}: speaker_mention {mention!r} not found near the content")
            else:
                record["speaker_spans"] = [[i, i + len(mention)]]
        cue = record["cue"]
        if cue:
            # The cue sits next to its source: inside a split quote, that is between the parts.
            anchor = tuple(record["speaker_spans"][0]) if "speaker_spans" in record else (start, end)
            i = nearest(text, cue, anchor, window=60) if anchor != (start, end) else None
            if i is None:
                i = nearest(text, cue, (start, end))
            if i is None:
                i = text.find(cue, start, end)
                if i == -1:
                    warnings.append(f"{where}: cue {cue!r} not found verbatim near the content")
                    i = None
            if i is not None:
                record["cue_spans"] = [[i, i + len(cue)]]
        if st.get("parts"):
            record["parts"] = st["parts"]
        out.append(record)
    out.sort(key=lambda s: (s["start"], s["end"]))
    # accept drops a statement nested in another (README), so say so here: a short
    # content may have matched inside another statement instead of its own words.
    for n, start, end in spans:
        outer = [m for m, a, b in spans if m != n and nested_in((start, end), (a, b))]
        if outer:
            warnings.append(f"statement {n}: found inside statement {outer[0]}'s content, so "
                            "it is dropped as nested; if it is a statement of its own, quote "
                            "more of its words so that it resolves to them")
    return out, errors, warnings


def alias_map():
    """Exact aliases of data/parties.tsv that belong to one party -> its canonical name."""
    owners = collections.defaultdict(set)
    with open(os.path.join(ROOT, "data", "parties.tsv"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            canonical, kind, aliases = line.rstrip("\n").split("\t")
            if kind == "block":
                continue
            for alias in [canonical] + aliases.split(" | "):
                owners[alias.lstrip("?@~")].add(canonical)
    return {a: next(iter(c)) for a, c in owners.items() if len(c) == 1}


# UN agencies that the gazetteer lists as parties of their own, by the words naming them.
OWN_AGENCIES = {"IAEA": ("IAEA", "International Atomic Energy"),
                "World Health Organization": ("WHO", "World Health Org")}
UN_WORDS = ("United Nations", "UN ", "U.N.", "UN’s", "UN's")


def nested_in(inner, outer):
    """Whether span `inner` lies inside the longer span `outer` (a nested attribution)."""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and \
        outer[1] - outer[0] > inner[1] - inner[0]


def normalize(statements):
    """One name per party across the corpus, and the conventions that came after the first
    drafts: canonical gazetteer names, UN agencies the gazetteer lists, no own-party target."""
    aliases = alias_map()
    # Nested attributions are the outer statement's (README): drop spans inside another.
    statements = [st for st in statements
                  if not any(o is not st and nested_in((st["start"], st["end"]),
                                                       (o["start"], o["end"]))
                             for o in statements)]
    for st in statements:
        party = st.get("speaker_party")
        if party:
            party = aliases.get(party, party)
            if party == "United Nations":
                for agency, words in OWN_AGENCIES.items():
                    if any(w in st["speaker"] for w in words):
                        party = agency
            st["speaker_party"] = party
        kept = []
        for s in st["stances"]:
            target = aliases.get(s["target"], s["target"])
            if target == "United Nations" and not any(w in st["content"] for w in UN_WORDS):
                for agency, words in OWN_AGENCIES.items():
                    if any(w in st["content"] for w in words):
                        target = agency
            # Domestic disputes give no target for the speaker's own state (README).
            if target == party or any(k["target"] == target for k in kept):
                continue
            kept.append({"target": target, "label": s["label"]})
        st["stances"] = kept
    return statements


def gold_record(draft, row, statements, checker):
    return {
        "id": row["id"],
        "text": article_text(row),
        "statements": statements,
        "title": row.get("title"),
        "date": row.get("date"),
        "publisher": row.get("outlet"),
        "url": row.get("url"),
        "source": "news-pool: " + row["source"],
        "split": split_of(row["id"]),
        "annotation": {"drafted_by": draft.get("annotator"), "checked_by": checker,
                       "guide": "shared/annotation/GUIDE.md"},
    }


def cmd_check(args, write=False):
    draft = load_draft(args.draft)
    row = find_row(draft["id"])
    statements, errors, warnings = resolve(draft, article_text(row))
    for w in warnings:
        print(f"{args.draft}: warning: {w}")
    for e in errors:
        print(f"{args.draft}: error: {e}")
    pairs = sum(len(s["stances"]) for s in statements)
    print(f"{draft['id']}: {len(statements)} statements, {pairs} pairs, "
          f"{len(errors)} errors, {len(warnings)} warnings")
    if errors:
        sys.exit(1)
    name = os.path.basename(args.draft)
    if not write and name.endswith((".a.json", ".b.json")):
        claim(name[:-5] + ".ready", "")  # a checker may take it from now on
    if write:
        write_gold(draft, row, statements, args.checker)


def write_gold(draft, row, statements, checker):
    statements = normalize(statements)
    split = split_of(draft["id"])
    os.makedirs(os.path.join(GOLD, split), exist_ok=True)
    path = os.path.join(GOLD, split, draft["id"] + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(gold_record(draft, row, statements, checker), ensure_ascii=False) + "\n")
    print(f"wrote {path}")


def cmd_rebuild(args):
    """Rebuild every gold file from its checked draft (after a change to normalize)."""
    rows = {r["id"]: r for r in pool_rows()}
    n = 0
    for split in SPLITS:
        for a in read_gold(split):
            path = os.path.join(DRAFTS, a["id"] + ".final.json")
            draft = load_draft(path)
            statements, errors, _ = resolve(draft, article_text(rows[a["id"]]))
            if errors:
                sys.exit(f"{path}: {errors[0]}")
            write_gold(draft, rows[a["id"]], statements, a["annotation"]["checked_by"])
            n += 1
    print(f"rebuilt {n} gold files")


def norm(name):
    name = (name or "").strip().lower()
    return name[4:] if name.startswith("the ") else name


def names_agree(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return a == b
    return a == b or a.split()[-1] == b.split()[-1]


def match(gold, pred):
    """Greedy one-to-one by overlap, at least half the first span (as stancemap eval)."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0 and 2 * ov >= g["end"] - g["start"]:
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def kappa(pairs):
    n = len(pairs)
    if n == 0:
        return float("nan")
    po = sum(a == b for a, b in pairs) / n
    ca = collections.Counter(a for a, _ in pairs)
    cb = collections.Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in LABELS) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def cmd_agree(args):
    drafts = DRAFTS
    by_id = collections.defaultdict(dict)
    for name in sorted(os.listdir(drafts)):
        if name.endswith(".a.json") or name.endswith(".b.json"):
            by_id[name[:-7]][name[-6]] = os.path.join(drafts, name)
    tp = na = nb = speaker_ok = party_ok = 0
    label_pairs, target_a, target_b, target_both = [], 0, 0, 0
    articles = 0
    for aid, files in sorted(by_id.items()):
        if set(files) != {"a", "b"}:
            continue
        row = find_row(aid)
        text = article_text(row)
        sa = normalize(resolve(load_draft(files["a"]), text)[0])
        sb = normalize(resolve(load_draft(files["b"]), text)[0])
        articles += 1
        na += len(sa)
        nb += len(sb)
        for i, j in match(sa, sb):
            tp += 1
            speaker_ok += names_agree(sa[i]["speaker"], sb[j]["speaker"])
            party_ok += (sa[i]["speaker_party"] or None) == (sb[j]["speaker_party"] or None)
            la = {s["target"]: s["label"] for s in sa[i]["stances"]}
            lb = {s["target"]: s["label"] for s in sb[j]["stances"]}
            target_a += len(la)
            target_b += len(lb)
            for t in la.keys() & lb.keys():
                target_both += 1
                label_pairs.append((la[t], lb[t]))
    p = tp / nb if nb else 0.0
    r = tp / na if na else 0.0
    report = {
        "articles": articles, "statements_a": na, "statements_b": nb, "matched": tp,
        "statement_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "speaker_agreement": speaker_ok / tp if tp else 0.0,
        "speaker_party_agreement": party_ok / tp if tp else 0.0,
        "target_f1": 2 * target_both / (target_a + target_b) if target_a + target_b else 0.0,
        "stance_pairs": len(label_pairs),
        "stance_agreement": sum(a == b for a, b in label_pairs) / len(label_pairs) if label_pairs else 0.0,
        "stance_kappa": kappa(label_pairs),
    }
    print(json.dumps(report, indent=2))


def read_gold(split):
    folder = os.path.join(GOLD, split)
    if not os.path.isdir(folder):
        return []
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                out.append(json.loads(f.readline()))
    return out


def gazetteer_names():
    names = set()
    with open(os.path.join(ROOT, "data", "parties.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                names.add(line.split("\t")[0])
    return names


def cmd_parties(args):
    """Party names in the gold files that data/parties.tsv lacks, with their counts."""
    known = gazetteer_names()
    counts = collections.Counter()
    for split in SPLITS:
        for a in read_gold(split):
            for st in a["statements"]:
                names = [s["target"] for s in st["stances"]] + [st.get("speaker_party")]
                counts.update(n for n in names if n and n not in known)
    for name, n in counts.most_common():
        print(f"{n}\t{name}")


def cmd_stats(args):
    queue = read_queue()
    report = {}
    for split in SPLITS:
        arts = read_gold(split)
        labels = collections.Counter(s["label"] for a in arts for st in a["statements"]
                                     for s in st["stances"])
        report[split] = {
            "articles": len(arts),
            "statements": sum(len(a["statements"]) for a in arts),
            "pairs": sum(labels.values()),
            "labels": dict(labels),
            "kinds": dict(collections.Counter(st["kind"] for a in arts for st in a["statements"])),
            "regions": dict(collections.Counter(queue.get(a["id"], {}).get("region", "?")
                                                for a in arts)),
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for split, r in report.items():
        print(f"{split}: {r['articles']} articles, {r['statements']} statements, "
              f"{r['pairs']} pairs {r['labels']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("select")
    s.add_argument("--count", type=int, default=560)
    s.add_argument("--double", type=int, default=72)
    s.add_argument("--min-chars", type=int, default=1200)
    s.add_argument("--max-chars", type=int, default=8000)
    s.add_argument("--force", action="store_true")
    s = sub.add_parser("extend")
    s.add_argument("--split", choices=SPLITS, required=True)
    s.add_argument("--count", type=int, required=True)
    s.add_argument("--min-chars", type=int, default=1200)
    s.add_argument("--max-chars", type=int, default=8000)
    s = sub.add_parser("show")
    s.add_argument("id")
    s = sub.add_parser("check")
    s.add_argument("draft")
    s = sub.add_parser("accept")
    s.add_argument("draft")
    s.add_argument("--checker", required=True)
    sub.add_parser("agree")
    sub.add_parser("parties")
    sub.add_parser("rebuild")
    s = sub.add_parser("next")
    s.add_argument("--role", choices=("draft", "check"), required=True)
    s.add_argument("--tag", required=True)
    s = sub.add_parser("stats")
    s.add_argument("--json", action="store_true")
    args = ap.parse_args()
    {"select": cmd_select, "extend": cmd_extend, "show": cmd_show, "check": cmd_check,
     "accept": lambda a: cmd_check(a, write=True), "agree": cmd_agree, "next": cmd_next, "parties": cmd_parties, "rebuild": cmd_rebuild,
     "stats": cmd_stats}[args.cmd](args)


if __name__ == "__main__":
    main()
