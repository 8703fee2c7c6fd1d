"""One frozen settings object. Defaults < NEWSDESK_* environment variables < CLI flags."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SAMPLE_FOLDER = PACKAGE_DIR / "sample_articles"


def _default_index_dir() -> Path:
    # An editable install keeps the repo's index/ folder; an installed one uses the user's data dir.
    repo_index = PACKAGE_DIR.parent.parent / "index"
    if (repo_index / ".gitkeep").exists():
        return repo_index
    return Path.home() / ".local" / "share" / "newsdesk" / "index"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsdesk"


@dataclass(frozen=True)
class Settings:
    index_dir: Path = field(default_factory=_default_index_dir)
    corpus_dir: Path = SAMPLE_FOLDER
    model_path: Path | None = None  # any GGUF; None = the bundled default model
    llm_url: str | None = None  # OpenAI-compatible server instead of the in-process model
    top_k: int = 4
    threads: int = max(1, min(os.cpu_count() or 1, 8))
    context_size: int = 4096
    max_answer_tokens: int = 256
    excerpt_sentences: int = 2  # sentences of each passage shown to the model (TTFT)
    chunk_tokens: int = 200
    chunk_overlap_sentences: int = 1
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = None  # "user:pass"
    embed_precision: str = "auto"  # auto | fp32 | bf16
    # Yes/no cut on logit(Yes) - logit(No); None: calibrated for the bundled model, 0 otherwise
    yes_no_margin: float | None = None

    def replace(self, **changes) -> "Settings":
        """A copy with the non-None changes applied."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _convert(kind: type | str, raw: str):
    kind_name = kind if isinstance(kind, str) else kind.__name__
    if "int" in kind_name:
        return int(raw)
    if "float" in kind_name:
        return float(raw)
    if "Path" in kind_name:
        return Path(raw).expanduser()
    return raw


def load_settings(**overrides) -> Settings:
    """Settings from the environment (NEWSDESK_INDEX_DIR, NEWSDESK_TOP_K, ...) then overrides."""
    env_values = {}
    for f in fields(Settings):
        raw = os.environ.get(f"NEWSDESK_{f.name.upper()}")
        if raw not in (None, ""):
            env_values[f.name] = _convert(f.type, raw)
    return Settings().replace(**env_values).replace(**overrides)
