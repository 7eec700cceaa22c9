#!/usr/bin/env bash
# Time `quotes` and `classify` on one article of 1, 2, 4 and 8 MB (news-pool articles
# joined into one), with peak memory, to show that cost grows linearly with length.
# Usage: scripts/bench-size.sh [SIZES_MB...]   (default: 1 2 4 8)
# Needs ../shared/datasets/news-pool/pool.jsonl (or STANCEMAP_SHARED) and GNU time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
pool="${STANCEMAP_SHARED:-../shared}/datasets/news-pool/pool.jsonl"
[ -f "$pool" ] || { echo "error: $pool not found (set STANCEMAP_SHARED)" >&2; exit 1; }
sizes=("${@:-1 2 4 8}")
[ $# -gt 0 ] || sizes=(1 2 4 8)
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/stancemap"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '| size | command | seconds | peak MB | peak / input |\n|---|---|---|---|---|\n'
for mb in "${sizes[@]}"; do
  python3 - "$pool" "$mb" "$work/a$mb.jsonl" <<'PY'
import json, sys
pool, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
limit = int(mb * 1024 * 1024)
parts, size = [], 0
while size < limit:
    with open(pool, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)["text"]
            parts.append(t)
            size += len(t.encode()) + 2
            if size >= limit:
                break
with open(out, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": f"joined-{mb}mb", "text": "\n\n".join(parts)}) + "\n")
PY
  input_bytes=$(stat -c %s "$work/a$mb.jsonl")
  for cmd in quotes classify; do
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" "$cmd" "$work/a$mb.jsonl" --format jsonl \
      --max-article-bytes 1000000000 > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r secs kb < "$work/time"
    awk -v mb="$mb" -v c="$cmd" -v s="$secs" -v kb="$kb" -v ib="$input_bytes" \
      'BEGIN { printf "| %s MB | %s | %.1f | %.0f | %.1f |\n", mb, c, s, kb/1024, kb*1024/ib }'
  done
done
