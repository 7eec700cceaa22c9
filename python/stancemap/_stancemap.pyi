"""Type stubs of the native module (see stancemap/__init__.py for the Python API)."""

__version__: str

class InputError(ValueError):
    """A record that cannot be read; the message names it (index and id)."""

class NativePipeline:
    def __init__(
        self,
        model_dir: str | None = None,
        stance_model: str | None = None,
        parties: list[str] = ...,
        cues: list[str] = ...,
        engine: str | None = None,
    ) -> None: ...
    @property
    def engine(self) -> str: ...
    def load_model(self) -> None: ...
    def classify(
        self, records: list[str], batch_size: int = 32, batch_articles: int = 32
    ) -> list[str]: ...
    def quotes(self, records: list[str]) -> list[str]: ...

def table(
    records: list[str],
    kind: str,
    by: str = "week",
    min_confidence: float | None = None,
    party: str | None = None,
    speaker: str | None = None,
) -> str: ...
def check_records(records: list[str]) -> list[tuple[int, str]]: ...
def record_id(record: str) -> str | None: ...
def init_threads(threads: int) -> int: ...
