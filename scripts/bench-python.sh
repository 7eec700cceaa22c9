#!/usr/bin/env bash
# Throughput on the same pool articles (default 500): the CLI, the Python package and
# Ray Data on a local 2-CPU cluster with 1 worker x 2 threads and 2 workers x 1 thread,
# with peak memory. Each line printed is one JSON result; `uptime` notes the load.
# Uses the virtual environment of scripts/python-tests.sh (run that first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N="${N:-500}"
ROUNDS="${ROUNDS:-2}"
PARTS="${PARTS:-local ray}"   # local: CLI and package; ray: the cluster runs
VENV="${STANCEMAP_VENV:-$HOME/.cache/stancemap/python-venv}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stancemap/ci-target}"
export PATH="$VENV/bin:$PATH" VIRTUAL_ENV="$VENV"
MODEL_DIR="$ROOT/models/all-minilm-l6-v2"
BIN="$CARGO_TARGET_DIR/release/stancemap"

cargo build --release --quiet
(cd python && maturin develop --release --quiet >/dev/null)

WORK="$(mktemp -d /tmp/stancemap-bench.XXXXXX)"
RAY_TMP="$WORK/ray"
cleanup() {
    ray stop --force >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
awk -v n="$N" 'NF { print; if (++c == n) exit }' ../shared/datasets/news-pool/pool.jsonl >"$WORK/articles.jsonl"
head -n 1 "$WORK/articles.jsonl" >"$WORK/one.jsonl"
echo "{\"load\": \"$(uptime | sed 's/.*load average: //')\", \"articles\": $N}"

# wall seconds and peak RSS (MiB) of a whole command
timed() {
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$WORK/out"
    read -r wall kib <"$WORK/time"
    echo "$wall $((kib / 1024))"
}

[[ " $PARTS " == *" local "* ]] && for round in $(seq "$ROUNDS"); do
    read -r wall mib < <(timed "$BIN" --threads 2 classify --format jsonl --model-dir "$MODEL_DIR" "$WORK/articles.jsonl")
    read -r start _ < <(timed "$BIN" --threads 2 classify --format jsonl --model-dir "$MODEL_DIR" "$WORK/one.jsonl")
    echo "{\"mode\": \"cli\", \"round\": $round, \"wall_s\": $wall, \"one_article_wall_s\": $start, \"peak_rss_mib\": $mib}"
    read -r wall mib < <(timed python scripts/bench_python.py package "$WORK/articles.jsonl" --threads 2 --model-dir "$MODEL_DIR")
    echo "{\"mode\": \"package-process\", \"round\": $round, \"wall_s\": $wall, \"peak_rss_mib\": $mib, \"inside\": $(cat "$WORK/out")}"
done

[[ " $PARTS " == *" ray "* ]] || exit 0
ray start --head --node-ip-address=127.0.0.1 --num-cpus=2 --include-dashboard=false \
    --temp-dir="$RAY_TMP" --disable-usage-stats >/dev/null 2>&1
export RAY_ADDRESS=127.0.0.1:6379
python scripts/bench_python.py ray "$WORK/articles.jsonl" --workers 1 --threads 2 --model-dir "$MODEL_DIR"
python scripts/bench_python.py ray "$WORK/articles.jsonl" --workers 2 --threads 1 --model-dir "$MODEL_DIR"
echo "{\"load_after\": \"$(uptime | sed 's/.*load average: //')\"}"
