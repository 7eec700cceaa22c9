"""Shared fixtures: the CLI binary, the models and pool articles of this checkout."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POOL = ROOT.parent / "shared" / "datasets" / "news-pool" / "pool.jsonl"
MODEL_DIR = ROOT / "models" / "all-minilm-l6-v2"


def cli_path() -> Path:
    """The stancemap binary built from this checkout (scripts/python-tests.sh builds it)."""
    if "STANCEMAP_BIN" in os.environ:
        return Path(os.environ["STANCEMAP_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "stancemap"


def run_cli(*args: str) -> list[str]:
    """Run the CLI from the checkout root; its stdout lines."""
    done = subprocess.run(
        [str(cli_path()), *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def pool_lines(n: int) -> list[str]:
    """The first `n` article lines of the news pool."""
    lines = []
    with POOL.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                lines.append(line.rstrip("\n"))
            if len(lines) == n:
                break
    assert len(lines) == n, f"{POOL} has fewer than {n} articles"
    return lines


@pytest.fixture(scope="session")
def cli() -> Path:
    path = cli_path()
    assert path.is_file(), f"no CLI at {path}: build it (cargo build --release)"
    return path


@pytest.fixture(scope="session")
def pipeline():
    import stancemap

    return stancemap.Pipeline(model_dir=MODEL_DIR, threads=2).load()


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> tuple[Path, list[dict]]:
    """20 pool articles as a .jsonl file, and as dicts."""
    lines = pool_lines(20)
    path = tmp_path_factory.mktemp("sample") / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [json.loads(line) for line in lines]


@pytest.fixture(scope="session")
def cli_classified(cli, sample) -> list[dict]:
    """The CLI's classify --format jsonl records of the sample."""
    path, _ = sample
    lines = run_cli("classify", "--format", "jsonl", "--model-dir", str(MODEL_DIR), str(path))
    return [json.loads(line) for line in lines]
