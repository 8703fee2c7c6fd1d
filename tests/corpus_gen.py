"""Seeded synthetic news articles built from the sample folder's vocabulary."""

from __future__ import annotations

import random
import re
from pathlib import Path

from newsdesk.settings import SAMPLE_FOLDER

OUTLETS = ["Harbor Ledger", "Eastern Wire", "Pacific Monitor", "Continental Times"]


def vocabulary() -> list[str]:
    words = set()
    for path in SAMPLE_FOLDER.glob("*.txt"):
        words.update(re.findall(r"[A-Za-z]{3,}", path.read_text()))
    return sorted(words)


def write_articles(folder: Path, count: int, seed: int = 0, sentences: int = 12) -> list[Path]:
    rng = random.Random(seed)
    words = vocabulary()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        body = []
        for _ in range(sentences):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 22)))
            body.append(sentence[0].upper() + sentence[1:] + ".")
        path = folder / f"gen-{seed}-{i:04d}.txt"
        path.write_text(f"Title: Report {seed}-{i} on {rng.choice(words)}\n"
                        f"Source: {rng.choice(OUTLETS)}\nPublished: 2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n\n"
                        + " ".join(body))
        paths.append(path)
    return paths
