"""stancemap from Python: who said what about whom, in what tone, in news articles.

The native module runs the same pipeline as the ``stancemap`` command line, so
``Pipeline.classify`` returns the records ``stancemap classify --format jsonl``
writes, as dicts, and ``table`` the tables of ``stancemap export``.

>>> import stancemap
>>> pipe = stancemap.Pipeline()
>>> records = pipe.classify(["The chancellor said the Greens were wrong."])
>>> stancemap.table(records, "dyads")          # a pandas DataFrame
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping, Sequence, Union

from . import _stancemap
from ._stancemap import InputError

__all__ = ["Pipeline", "InputError", "table", "TABLES", "__version__"]
__version__: str = _stancemap.__version__

#: The tables of ``stancemap export``.
TABLES = ("statements", "dyads", "matrix", "timeline")

Record = Union[str, Mapping[str, Any]]
PathLike = Union[str, "os.PathLike[str]"]


def _paths(value: PathLike | Sequence[PathLike] | None) -> list[str]:
    """None, one path or a list of paths, as a list of strings."""
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    return [os.fspath(v) for v in value]


def _encode(records: Iterable[Record]) -> list[str]:
    """Each record as JSON text in the article format; a str is the text of an article."""
    if isinstance(records, (str, Mapping)):
        raise TypeError("expected a list of texts or records, not a single one")
    lines = []
    for index, record in enumerate(records):
        if isinstance(record, str):
            record = {"text": record}
        elif not isinstance(record, Mapping):
            raise InputError(
                f"record {index}: expected a str or a dict with 'text', "
                f"not {type(record).__name__}"
            )
        try:
            lines.append(json.dumps(record, ensure_ascii=False))
        except (TypeError, ValueError) as err:
            name = f" (id {record.get('id')!r})" if "id" in record else ""
            raise InputError(f"record {index}{name}: not JSON-serialisable: {err}") from None
    return lines


class Pipeline:
    """The stancemap pipeline with its models, loaded once and reused for every call.

    Arguments are those of ``stancemap classify``: ``model_dir`` the base encoder
    folder (default: the usual resolution, ``$STANCEMAP_MODEL_DIR`` first),
    ``stance_model`` the stance model folder (default: the one built in),
    ``parties`` and ``cues`` extra list files (one path or several), ``threads``
    the compute threads of this process (default: all cores; the pool is sized
    once per process, by the first Pipeline that asks). ``engine`` is the CLI's
    ``--engine`` (default ``$STANCEMAP_ENGINE`` or ``auto``). ``attribution`` is the
    CLI's ``--attribution`` (``rules``, the default, ``tagger``, ``combined`` or
    ``vetted``, with the CLI's default thresholds); every mode but ``rules`` needs
    ``tagger_model``, the tagger folder (``models/tagger`` of a checkout).
    ``relevance_threshold`` is the CLI's ``--relevance-threshold`` (``"dev"`` or a
    probability; default off): targets the stance model rates less relevant are dropped.
    """

    def __init__(
        self,
        model_dir: PathLike | None = None,
        stance_model: PathLike | None = None,
        parties: PathLike | Sequence[PathLike] | None = None,
        cues: PathLike | Sequence[PathLike] | None = None,
        threads: int | None = None,
        engine: str | None = None,
        attribution: str | None = None,
        tagger_model: PathLike | None = None,
        relevance_threshold: str | float | None = None,
    ) -> None:
        if threads is not None:
            if threads < 1:
                raise ValueError(f"threads must be at least 1, not {threads}")
            # candle reads the thread count from the environment on every op.
            os.environ["RAYON_NUM_THREADS"] = str(threads)
        elif "RAYON_NUM_THREADS" not in os.environ:
            os.environ["RAYON_NUM_THREADS"] = str(os.cpu_count() or 1)
        self.threads: int = _stancemap.init_threads(int(os.environ["RAYON_NUM_THREADS"]))
        self._native = _stancemap.NativePipeline(
            model_dir=None if model_dir is None else os.fspath(model_dir),
            stance_model=None if stance_model is None else os.fspath(stance_model),
            parties=_paths(parties),
            cues=_paths(cues),
            engine=engine if engine is not None else os.environ.get("STANCEMAP_ENGINE"),
            attribution=attribution,
            tagger_model=None if tagger_model is None else os.fspath(tagger_model),
            relevance_threshold=None if relevance_threshold is None else str(relevance_threshold),
        )

    @property
    def engine(self) -> str:
        """The encoder backend in use (``f32``, ``amx-bf16``, ``candle``, ...)."""
        return self._native.engine

    def load(self) -> "Pipeline":
        """Load the base encoder and stance model now (otherwise on the first classify)."""
        self._native.load_model()
        return self

    def classify(
        self, records: Iterable[Record], batch_size: int = 32, batch_articles: int = 32
    ) -> list[dict[str, Any]]:
        """Classify articles: texts, or dicts with ``text`` (and ``id``, ``date``, ...).

        Returns one dict per article, in order, equal to the lines of
        ``stancemap classify --format jsonl``. A record that cannot be read raises
        ``InputError`` naming its index and id; nothing is classified then.
        ``batch_articles`` and ``batch_size`` are the CLI's ``--batch-articles`` and
        ``--batch-size``. The GIL is released while the model runs.
        """
        lines = self._native.classify(_encode(records), batch_size, batch_articles)
        return [json.loads(line) for line in lines]

    def classify_json(
        self, records: Sequence[str], batch_size: int = 32, batch_articles: int = 32
    ) -> list[str]:
        """Like ``classify``, with records as JSON text in and JSON lines out (no dicts)."""
        return self._native.classify(list(records), batch_size, batch_articles)

    def quotes(self, records: Iterable[Record]) -> list[dict[str, Any]]:
        """Who said what, without the stance model: ``stancemap quotes --format jsonl``."""
        return [json.loads(line) for line in self._native.quotes(_encode(records))]


def table(
    records: Iterable[Record],
    kind: str = "dyads",
    *,
    by: str = "week",
    min_confidence: float | None = None,
    party: str | None = None,
    speaker: str | None = None,
):
    """The ``stancemap export --table KIND`` table of classified records, as a DataFrame.

    ``kind`` is one of ``statements``, ``dyads``, ``matrix``, ``timeline``; ``by``
    (``day``, ``week``, ``month``) buckets the timeline; the filters are export's
    ``--min-confidence``, ``--party`` and ``--speaker``. Columns and values are those
    of ``export --format json`` (scores rounded to four decimals, empty cells None).
    """
    import pandas as pd

    built = json.loads(
        _stancemap.table(
            _encode(records),
            kind,
            by=by,
            min_confidence=min_confidence,
            party=party,
            speaker=speaker,
        )
    )
    return pd.DataFrame(built["rows"], columns=built["columns"])
