#!/usr/bin/env bash
# The Python package's tests: a virtual environment with the pinned packages, the module
# built from this checkout, a local Ray cluster (2 CPUs on 127.0.0.1, stopped on any
# exit), then pytest over python/tests. Run from anywhere; CI runs it after cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# Outside the clone, so a fresh clone reuses it and git never sees it.
VENV="${STANCEMAP_VENV:-$HOME/.cache/stancemap/python-venv}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stancemap/ci-target}"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
# pip skips what is already installed at the pinned version.
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-test.txt
export PATH="$VENV/bin:$PATH"
export VIRTUAL_ENV="$VENV"

# The CLI the tests compare against, and the module, from the same target folder.
cargo build --release
export STANCEMAP_BIN="$CARGO_TARGET_DIR/release/stancemap"
(cd python && maturin develop --release --quiet)

# A fresh local cluster; `ray stop --force` runs however this script ends.
RAY_TMP="$(mktemp -d /tmp/stancemap-ray.XXXXXX)"
stop_ray() {
    ray stop --force >/dev/null 2>&1 || true
    rm -rf "$RAY_TMP"
}
trap stop_ray EXIT
ray start --head --node-ip-address=127.0.0.1 --num-cpus=2 --include-dashboard=false \
    --temp-dir="$RAY_TMP" --disable-usage-stats >/dev/null
export RAY_ADDRESS=127.0.0.1:6379

cd "$ROOT/python"
# A stuck cluster fails the run instead of holding CI until its limit.
timeout "${STANCEMAP_PYTEST_TIMEOUT:-1200}" python -m pytest tests -q -p no:cacheprovider "$@"
