"""The Python package against the CLI: same records, same tables, clear input errors."""

from __future__ import annotations

import json
import threading
import time

import pytest

import stancemap
from conftest import MODEL_DIR, run_cli


def test_classify_equals_the_cli_record_for_record(pipeline, sample, cli_classified):
    _, records = sample
    got = pipeline.classify(records)
    assert len(got) == len(cli_classified) == 20
    assert sum(len(r["statements"]) for r in got) > 0, "the sample has statements"
    for mine, theirs in zip(got, cli_classified):
        assert mine == theirs, f"record {theirs['id']} differs from the CLI's"


def test_quotes_equal_the_cli(pipeline, sample):
    path, records = sample
    cli = [json.loads(line) for line in run_cli("quotes", "--format", "jsonl", str(path))]
    assert pipeline.quotes(records) == cli


@pytest.mark.parametrize("kind", stancemap.TABLES)
def test_tables_equal_export(cli_classified, tmp_path, kind):
    classified = tmp_path / "classified.jsonl"
    classified.write_text("".join(json.dumps(r) + "\n" for r in cli_classified))
    exported = json.loads(
        "\n".join(
            run_cli("export", "--from", str(classified), "--table", kind, "--by", "month",
                    "--format", "json")
        )
    )
    frame = stancemap.table(cli_classified, kind, by="month")
    assert len(frame) == len(exported) > 0
    assert list(frame.columns) == list(exported[0].keys())
    rows = json.loads(frame.to_json(orient="records"))
    for mine, theirs in zip(rows, exported):
        assert mine.keys() == theirs.keys()
        for column, value in theirs.items():
            if isinstance(value, float) or isinstance(mine[column], float):
                assert mine[column] == pytest.approx(value), column
            else:
                assert mine[column] == value, column


def test_table_filters_like_export(cli_classified):
    all_rows = stancemap.table(cli_classified, "statements")
    confident = stancemap.table(cli_classified, "statements", min_confidence=0.9)
    assert 0 < len(confident) < len(all_rows)
    assert (confident["confidence"] >= 0.9).all()


def test_plain_texts_get_ids_from_their_text(pipeline):
    text = 'The minister said the opposition was "wrong about everything".'
    first, again, other = pipeline.quotes([text, text, text + " More."])
    assert first["id"].startswith("text:") and again["id"] == first["id"] + ".2"
    assert other["id"] != first["id"]


def test_a_bad_record_raises_input_error_naming_it(pipeline):
    with pytest.raises(stancemap.InputError, match=r'record 1 \(id "b"\): no `text` field'):
        pipeline.classify([{"id": "a", "text": "Fine."}, {"id": "b", "body": "no text"}])
    with pytest.raises(ValueError, match=r"record 2: empty text"):
        pipeline.quotes(["one", "two", "   "])
    with pytest.raises(stancemap.InputError, match=r"record 0: expected a str or a dict"):
        pipeline.quotes([42])
    with pytest.raises(stancemap.InputError, match=r"record 0 \(id 'x'\): not JSON"):
        pipeline.quotes([{"id": "x", "text": "t", "when": object()}])


def test_bad_arguments_are_value_errors(cli_classified):
    with pytest.raises(ValueError, match="unknown table"):
        stancemap.table(cli_classified, "parties")
    with pytest.raises(ValueError, match="by"):
        stancemap.table(cli_classified, "timeline", by="year")
    with pytest.raises(ValueError, match="engine"):
        stancemap.Pipeline(model_dir=MODEL_DIR, engine="gpu")


def test_compute_releases_the_gil(pipeline, sample):
    _, records = sample
    done = threading.Event()

    def work():
        pipeline.classify(records * 3)
        done.set()

    worker = threading.Thread(target=work)
    ticks = 0
    started = time.monotonic()
    worker.start()
    # While the model runs, this thread keeps getting the interpreter: with the GIL
    # held by the call, it would not tick again until the call returned.
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    elapsed = time.monotonic() - started
    assert elapsed > 0.2, "the call was too short to tell"
    assert ticks > 20, f"only {ticks} ticks in {elapsed:.2f} s: the GIL was held"


def test_combined_attribution_equals_the_cli(sample):
    path, records = sample
    tagger = MODEL_DIR.parent / "tagger"
    combined = stancemap.Pipeline(
        model_dir=MODEL_DIR, threads=2, attribution="combined", tagger_model=tagger
    )
    cli = [
        json.loads(line)
        for line in run_cli("quotes", "--format", "jsonl", "--attribution", "combined",
                            "--tagger-model", str(tagger), str(path))
    ]
    assert combined.quotes(records) == cli
    rules = [json.loads(line) for line in run_cli("quotes", "--format", "jsonl", str(path))]
    assert cli != rules, "the tagger changes some statement of the sample"


def test_a_tagger_mode_without_a_tagger_is_a_value_error():
    with pytest.raises(ValueError, match="tagger_model"):
        stancemap.Pipeline(model_dir=MODEL_DIR, attribution="vetted")
    with pytest.raises(ValueError, match="attribution"):
        stancemap.Pipeline(model_dir=MODEL_DIR, attribution="guess")


def test_the_relevance_threshold_matches_the_cli(cli, sample, cli_classified):
    path, records = sample
    strict = stancemap.Pipeline(model_dir=MODEL_DIR, threads=2, relevance_threshold="dev")
    got = strict.classify(records)
    cli_strict = [json.loads(line) for line in run_cli(
        "classify", "--format", "jsonl", "--model-dir", str(MODEL_DIR),
        "--relevance-threshold", "dev", str(path))]
    assert got == cli_strict
    stances = lambda recs: sum(len(s["stances"]) for r in recs for s in r["statements"])
    assert stances(got) <= stances(cli_classified)
    with pytest.raises(ValueError, match="relevance_threshold"):
        stancemap.Pipeline(model_dir=MODEL_DIR, relevance_threshold=1.5)
