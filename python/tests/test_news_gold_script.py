"""scripts/news_gold.py, the annotation tool of data/news-gold/: how a draft resolves."""

import importlib.util
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def news_gold():
    spec = importlib.util.spec_from_file_location("news_gold", ROOT / "scripts" / "news_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXT = ("Trump said May had been weak on Brexit. "
        "He later went on to praise May in an interview, aides said.")


def statement(content, speaker="Donald Trump"):
    return {"content": content, "speaker": speaker, "speaker_mention": None,
            "speaker_party": "United States", "cue": "said", "kind": "indirect",
            "stances": []}


def nested_warnings(statements):
    _, errors, warnings = news_gold().resolve({"id": "x", "statements": statements}, TEXT)
    assert errors == []
    return [w for w in warnings if "found inside" in w]


def test_a_short_content_resolves_past_an_earlier_statement():
    # "May" is the statement's own words further on ("praise May"), not the "May" inside
    # the first statement.
    statements, errors, warnings = news_gold().resolve(
        {"id": "x", "statements": [statement("May had been weak on Brexit"), statement("May")]},
        TEXT)
    assert errors == [] and not [w for w in warnings if "found inside" in w]
    assert statements[1]["start"] == TEXT.index("praise May") + len("praise ")


def test_a_content_found_only_inside_an_earlier_statement_is_flagged():
    # "weak on Brexit" occurs only inside the first statement: a nested attribution.
    warnings = nested_warnings([statement("May had been weak on Brexit"),
                                statement("weak on Brexit")])
    assert len(warnings) == 1 and warnings[0].startswith("statement 2:")


def test_a_content_that_encloses_a_later_one_flags_the_later_one():
    # Listed the other way round, the outer statement comes second.
    warnings = nested_warnings([statement("weak on Brexit"),
                                statement("May had been weak on Brexit")])
    assert len(warnings) == 1 and warnings[0].startswith("statement 1:")


def test_statements_side_by_side_are_not_flagged():
    assert nested_warnings([statement("May had been weak on Brexit"),
                            statement("May in an interview")]) == []


def test_nested_in_needs_a_longer_outer_span():
    ng = news_gold()
    assert ng.nested_in((5, 8), (0, 10))
    assert not ng.nested_in((0, 10), (0, 10))
    assert not ng.nested_in((5, 12), (0, 10))


def test_a_speaker_mention_never_resolves_inside_a_word():
    # "he" inside "the interview" is nearer the content than the pronoun itself.
    text = "Later he insisted in the interview that the deal was dead."
    draft = {"id": "x", "statements": [dict(statement("the deal was dead"), speaker_mention="he")]}
    statements, errors, _ = news_gold().resolve(draft, text)
    assert errors == []
    start, end = statements[0]["speaker_spans"][0]
    assert text[start - 1:end + 1] == " he "
