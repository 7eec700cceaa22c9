#!/usr/bin/env bash
# Render `stancemap export --format html` of a classified file and take a headless
# Chromium screenshot of it, to check the page by eye.
#
#   scripts/screenshot-html.sh [CLASSIFIED.jsonl] [OUT.png]
#
# Defaults: tests/fixtures/classified.jsonl and target/stancemap-report.png.
# Needs a built binary (cargo build --release) and Chromium (apt-get install -y chromium).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
input="${1:-$root/tests/fixtures/classified.jsonl}"
png="${2:-$root/target/stancemap-report.png}"
bin="${STANCEMAP:-${CARGO_TARGET_DIR:-$root/target}/release/stancemap}"

browser=""
for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
        browser="$name"
        break
    fi
done
if [ -z "$browser" ]; then
    echo "error: chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi
if [ ! -x "$bin" ]; then
    echo "error: $bin not found; run cargo build --release (or set STANCEMAP)" >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
page="$work/report.html"
"$bin" export --from "$input" --format html --out "$page"
mkdir -p "$(dirname "$png")"

# No network, no profile left behind, nothing fetched in the background.
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$work/profile" --hide-scrollbars \
    --screenshot="$png" --window-size=1280,1600 "file://$page" >/dev/null 2>&1

if [ ! -s "$png" ]; then
    echo "error: no screenshot written to $png" >&2
    exit 1
fi
echo "page: $(wc -c <"$page") bytes; screenshot: $png ($(wc -c <"$png") bytes)"
