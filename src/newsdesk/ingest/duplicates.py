"""Near-duplicate articles: the same story run by several outlets (wire copies, syndicated
text, a reprint with a new headline and a few edits).

Each article body becomes a set of word 5-grams ("shingles"); MinHash signatures and
locality-sensitive hashing (datasketch) find candidate pairs without comparing every pair,
and a candidate is confirmed on the exact Jaccard similarity of the two shingle sets.
Connected pairs form one group. Two different reports of the same event share names and
facts but few three-word runs, so their similarity stays low; a wire copy with small edits
keeps most of its runs. The threshold is measured by `newsdesk eval duplicates`
(docs/retrieval.md).

Two articles from the same outlet are merged only when nearly identical (saved twice): an
outlet that reworks its own post (a deals round-up, a live story) publishes a new version
with new content, and "the latest" must be able to tell the versions apart.
"""

from __future__ import annotations

import re
from typing import Hashable, Iterable

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 3
PERMUTATIONS = 128
SIMILARITY = 0.35  # exact Jaccard of shingle sets that makes two articles one story
SAME_OUTLET_SIMILARITY = 0.9  # a second copy of one outlet's article, not a new version
MIN_SHINGLES = 20  # shorter bodies (a caption, a stub) are never merged

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word runs of `size`, ignoring punctuation and spacing."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _signature(items: set[str]) -> MinHash:
    sig = MinHash(num_perm=PERMUTATIONS, seed=1)
    sig.update_batch([s.encode("utf-8") for s in items])
    return sig


class _Groups:
    """Union-find over article keys."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, key: Hashable) -> Hashable:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: Hashable, b: Hashable) -> None:
        self.parent[self.find(a)] = self.find(b)


def _same_story(score: float, outlet: str, other_outlet: str, similarity: float) -> bool:
    if outlet and outlet.casefold() == other_outlet.casefold():
        return score >= max(similarity, SAME_OUTLET_SIMILARITY)
    return score >= similarity


def duplicate_pairs(articles: Iterable[tuple[Hashable, str, str]],
                    similarity: float = SIMILARITY) -> list[tuple[Hashable, Hashable, float]]:
    """Every pair of (key, body, outlet) articles that are one story, with its similarity."""
    sets, outlets = {}, {}
    for key, body, outlet in articles:
        items = shingles(body)
        if len(items) >= MIN_SHINGLES:
            sets[key], outlets[key] = items, outlet or ""
    # LSH at a lower threshold than the exact check: MinHash estimates are noisy.
    lsh = MinHashLSH(threshold=max(0.1, similarity - 0.2), num_perm=PERMUTATIONS)
    pairs = []
    for key, items in sets.items():
        signature = _signature(items)
        for other in lsh.query(signature):
            score = jaccard(items, sets[other])
            if _same_story(score, outlets[key], outlets[other], similarity):
                pairs.append((other, key, score))
        lsh.insert(key, signature)
    return pairs


def duplicate_groups(articles: Iterable[tuple[Hashable, str, str]],
                     similarity: float = SIMILARITY) -> list[list[Hashable]]:
    """Groups of two or more (key, body, outlet) articles that are one story, in input order."""
    articles = list(articles)
    groups = _Groups()
    for a, b, _ in duplicate_pairs(articles, similarity):
        groups.join(a, b)
    members: dict[Hashable, list[Hashable]] = {}
    for key, _, _ in articles:
        if key in groups.parent:
            members.setdefault(groups.find(key), []).append(key)
    return [keys for keys in members.values() if len(keys) > 1]
