"""Batch classification on Ray Data: models load once per actor, batches stream through.

>>> import ray, stancemap.ray
>>> ds = stancemap.ray.read_jsonl("corpus/")                  # one row per line
>>> out = stancemap.ray.classify(ds, json_column="text", concurrency=4, threads=2)
>>> out.write_parquet("classified/")                          # or out.write_json(...)

Each output row is one article: ``id``, ``record`` (the JSON line
``stancemap classify --format jsonl`` writes for it) and ``error`` (why a record
was skipped, else null). The same code runs on a laptop and against a cluster:
``ray.init()`` connects to ``$RAY_ADDRESS`` when it is set.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pyarrow as pa

from . import Pipeline, _stancemap

__all__ = ["classify", "read_jsonl", "OUTPUT_SCHEMA"]

#: The columns ``classify`` writes.
OUTPUT_SCHEMA = pa.schema(
    [("id", pa.string()), ("record", pa.string()), ("error", pa.string())]
)


def read_jsonl(paths, **read_text_args):
    """A JSON Lines corpus as a dataset of raw lines, one per row in column ``text``
    (``ray.data.read_text``): classify it with ``json_column="text"``.

    Lines reach the Rust reader as they are in the file, so values are read as the
    CLI reads them (pyarrow's JSON reader would turn dates into timestamps).
    Blank lines are dropped, as the CLI drops them.
    """
    import ray.data

    # Reading lines is light: without a CPU of its own it cannot wait forever behind
    # actors that hold every CPU of the cluster.
    read_text_args.setdefault("num_cpus", 0)
    # No rename or other step here: a task step between the read and the actors would
    # need a CPU of its own, which actors holding every CPU never leave it.
    return ray.data.read_text(paths, **read_text_args)


def _batch_records(batch: pa.Table, json_column: str | None) -> list[str]:
    """The records of a batch as JSON text: ``json_column``, or the rows as objects."""
    if json_column is not None:
        return [line or "" for line in batch.column(json_column).to_pylist()]
    return [json.dumps(row, ensure_ascii=False, default=str) for row in batch.to_pylist()]


class _Classifier:
    """A Ray actor: one Pipeline (models loaded once), called on batches of articles."""

    def __init__(
        self, pipeline_args: dict[str, Any], model_batch_size: int, json_column: str | None
    ) -> None:
        self.pipeline = Pipeline(**pipeline_args).load()
        self.model_batch_size = model_batch_size
        self.json_column = json_column

    def __call__(self, batch: pa.Table) -> pa.Table:
        records = [r for r in _batch_records(batch, self.json_column) if r.strip()]
        bad = dict(_stancemap.check_records(records))
        good = [r for i, r in enumerate(records) if i not in bad]
        batch_articles = max(1, len(good))
        lines = iter(self.pipeline.classify_json(good, self.model_batch_size, batch_articles))
        ids, out, errors = [], [], []
        for i, record in enumerate(records):
            if i in bad:
                ids.append(_stancemap.record_id(record))
                out.append(None)
                errors.append(bad[i])
                continue
            line = next(lines)
            ids.append(json.loads(line)["id"])
            out.append(line)
            errors.append(None)
        return pa.table([ids, out, errors], schema=OUTPUT_SCHEMA)


def _actor_pool(concurrency: int | tuple[int, int]):
    """A fixed pool of `concurrency` actors, or an autoscaling (min, max) one."""
    from ray.data import ActorPoolStrategy

    if isinstance(concurrency, tuple):
        return ActorPoolStrategy(min_size=concurrency[0], max_size=concurrency[1])
    return ActorPoolStrategy(size=concurrency)


def classify(
    dataset,
    *,
    json_column: str | None = None,
    model_dir: str | None = None,
    stance_model: str | None = None,
    parties=None,
    cues=None,
    engine: str | None = None,
    attribution: str | None = None,
    tagger_model: str | None = None,
    relevance_threshold: str | float | None = None,
    concurrency: int | tuple[int, int] = 1,
    threads: int = 1,
    batch_size: int = 32,
    model_batch_size: int = 32,
):
    """Classify a dataset of articles on Ray actors; returns the (lazy) output dataset.

    ``dataset`` rows are articles as columns (``text``, ``id``, ``date``, ...), or,
    with ``json_column``, raw JSON lines in that column (``read_jsonl`` gives them in
    ``text``: pass ``json_column="text"``). ``concurrency`` is the number of actors
    (or a ``(min, max)`` autoscaling range); each loads the models once, reserves
    ``threads`` CPUs and computes on that many threads. ``batch_size`` articles go to
    an actor per call and to the model together (the CLI's ``--batch-articles``);
    ``model_batch_size`` is the encoder's batch (``--batch-size``). Paths must be
    readable on every node (``model_dir`` may be left to ``$STANCEMAP_MODEL_DIR`` or
    the user cache there; ``tagger_model`` must be, for an ``attribution`` other than
    ``rules``). ``relevance_threshold`` is the Pipeline's. A record that cannot be read gives a row with ``error``
    set and no ``record``; the others are classified.
    """
    pipeline_args = {
        "model_dir": None if model_dir is None else os.fspath(model_dir),
        "stance_model": None if stance_model is None else os.fspath(stance_model),
        "parties": parties,
        "cues": cues,
        "threads": threads,
        "engine": engine,
        "attribution": attribution,
        "tagger_model": None if tagger_model is None else os.fspath(tagger_model),
        "relevance_threshold": relevance_threshold,
    }
    return dataset.map_batches(
        _Classifier,
        fn_constructor_kwargs={
            "pipeline_args": pipeline_args,
            "model_batch_size": model_batch_size,
            "json_column": json_column,
        },
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=_actor_pool(concurrency),
        num_cpus=threads,
    )
