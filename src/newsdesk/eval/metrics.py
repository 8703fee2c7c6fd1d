"""Retrieval metrics with MultiHop-RAG's relevance rule (pure functions, easy to test)."""

from __future__ import annotations

import re
from typing import Sequence

_SPACE = re.compile(r"[ \n]+")


def squash(text: str) -> str:
    """The benchmark's normalisation: spaces and newlines removed."""
    return _SPACE.sub("", text)


def relevance(retrieved_texts: Sequence[str], evidence_texts: Sequence[str]) -> list[bool]:
    """A retrieved text is relevant when any gold evidence text (squashed) is inside it."""
    golds = [squash(e) for e in evidence_texts if e.strip()]
    return [any(g in squash(t) for g in golds) for t in retrieved_texts]


def hits_at(rel: Sequence[bool], k: int) -> float:
    return 1.0 if any(rel[:k]) else 0.0


def mrr_at(rel: Sequence[bool], k: int) -> float:
    for i, r in enumerate(rel[:k], start=1):
        if r:
            return 1.0 / i
    return 0.0


def map_at(rel: Sequence[bool], k: int) -> float:
    """Average precision over the relevant ranks within the top k (0 when none)."""
    precisions, found = [], 0
    for i, r in enumerate(rel[:k], start=1):
        if r:
            found += 1
            precisions.append(found / i)
    return sum(precisions) / len(precisions) if precisions else 0.0


def article_recall(retrieved_articles: Sequence[str], gold_articles: Sequence[str]) -> float:
    gold = set(gold_articles)
    if not gold:
        return 0.0
    return len(gold & set(retrieved_articles)) / len(gold)


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(q / 100 * (len(ordered) - 1)))))
    return ordered[index]


def in_split(question_id: str, split: str) -> bool:
    """Dev is the questions whose numeric id ("...-0042") is even, test the odd ones."""
    if split == "all":
        return True
    number = int(str(question_id).rsplit("-", 1)[1])
    return (number % 2 == 0) == (split == "dev")


def write_report(report: dict, path: str | None) -> None:
    """Write an evaluation's figures as JSON when a path is given, and say where."""
    if path:
        import json
        from pathlib import Path

        Path(path).write_text(json.dumps(report, indent=1))
        print(f"figures written to {path}")


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_per_kind(title: str, report: dict, kinds: Sequence[str]) -> None:
    """The heading and the per-kind accuracy table of a question-set evaluation."""
    print(f"\n{title}, {report['split']} split, {report['questions']} questions, "
          f"model {report['model']}, profile {report['profile']}")
    print(f"{'kind':<16}{'n':>5}{'accuracy':>10}")
    per_kind = report["scores"]["per_kind"]
    for kind in kinds:
        if kind in per_kind:
            print(f"{kind:<16}{per_kind[kind]['n']:>5}{per_kind[kind]['accuracy']:>10.3f}")
