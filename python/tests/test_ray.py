"""Ray Data over a running cluster ($RAY_ADDRESS): 200 pool articles, equal to the CLI."""

from __future__ import annotations

import json
import os

import pyarrow.parquet as pq
import pytest

from conftest import MODEL_DIR, pool_lines, run_cli

ARTICLES = 200


@pytest.fixture(scope="module")
def cluster():
    ray = pytest.importorskip("ray")
    address = os.environ.get("RAY_ADDRESS")
    assert address, "start a cluster first (scripts/python-tests.sh does) and set RAY_ADDRESS"
    ray.init(address=address, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_ray_classifies_as_the_cli_and_writes_partitioned_files(cluster, cli, tmp_path):
    import stancemap.ray

    corpus = tmp_path / "corpus.jsonl"
    lines = pool_lines(ARTICLES)
    # One bad record among them: the CLI skips it with a warning, Ray reports it in a row.
    bad = json.dumps({"id": "no-text", "body": "nothing to read"})
    corpus.write_text("\n".join(lines[:100] + [bad] + lines[100:]) + "\n", encoding="utf-8")
    expected = {}
    for line in run_cli("classify", "--format", "jsonl", "--model-dir", str(MODEL_DIR),
                        str(corpus)):
        record = json.loads(line)
        expected[record["id"]] = record
    assert len(expected) == ARTICLES

    ds = stancemap.ray.read_jsonl(str(corpus), override_num_blocks=4)
    out = stancemap.ray.classify(
        ds, json_column="text", model_dir=str(MODEL_DIR), concurrency=2, threads=1
    )
    out.write_parquet(str(tmp_path / "parquet"))
    out.write_json(str(tmp_path / "json"))

    parts = sorted((tmp_path / "parquet").glob("*.parquet"))
    assert len(parts) > 1, "the output is partitioned"
    rows = pq.read_table(tmp_path / "parquet").to_pylist()
    errors = [r for r in rows if r["error"] is not None]
    assert [(r["id"], r["record"]) for r in errors] == [("no-text", None)]
    assert "no `text` field" in errors[0]["error"]
    got = {r["id"]: json.loads(r["record"]) for r in rows if r["error"] is None}
    assert len(got) == ARTICLES
    assert sum(len(r["statements"]) for r in got.values()) > 0
    for article_id, record in expected.items():
        assert got[article_id] == record, f"article {article_id} differs from the CLI's"

    json_rows = [
        json.loads(line)
        for part in sorted((tmp_path / "json").glob("*.json*"))
        for line in part.read_text().splitlines()
    ]
    assert sorted(r["id"] for r in json_rows) == sorted(r["id"] for r in rows)


def test_ray_reads_articles_as_columns_on_one_actor_with_every_cpu(cluster, cli, tmp_path):
    import ray.data

    import stancemap.ray

    lines = pool_lines(20)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = run_cli("classify", "--format", "jsonl", "--model-dir", str(MODEL_DIR),
                       str(corpus))
    # One actor holding both CPUs of the cluster: nothing may wait on a CPU of its own.
    ds = ray.data.from_items([json.loads(line) for line in lines])
    out = stancemap.ray.classify(ds, model_dir=str(MODEL_DIR), concurrency=1, threads=2)
    rows = out.take_all()
    assert [r["error"] for r in rows] == [None] * 20
    got = {r["id"]: json.loads(r["record"]) for r in rows}
    assert got == {json.loads(line)["id"]: json.loads(line) for line in expected}
