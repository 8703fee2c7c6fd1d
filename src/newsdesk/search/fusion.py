"""Weighted reciprocal-rank fusion: the one way rankings are combined in newsdesk."""

from __future__ import annotations

from typing import Hashable, Iterable, Sequence


def reciprocal_rank_fusion(rankings: Iterable[tuple[Sequence[Hashable], float]], k: int
                           ) -> dict[Hashable, float]:
    """Each ranking is (items best first, weight); an item scores the sum over rankings of
    weight / (k + rank + 1). Rank-based, so scores on different scales (cosine, BM25,
    sentence overlap) combine without calibration."""
    fused: dict[Hashable, float] = {}
    for ordered, weight in rankings:
        for rank, item in enumerate(ordered):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank + 1)
    return fused


def ranked(scores: dict[Hashable, float]) -> list[Hashable]:
    """Items by descending score (ties keep insertion order)."""
    return sorted(scores, key=lambda item: -scores[item])
