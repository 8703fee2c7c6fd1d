"""`newsdesk eval duplicates`: precision and recall of duplicate-story detection.

    newsdesk eval duplicates [--split dev|test] [--similarity 0.35]

The test corpus is built at run time from the MultiHop-RAG articles (never stored): every
original article, plus rewritten copies of a seeded random subset, each as another outlet
would run it - a wire dateline or a credit line added, a few words changed, a paragraph
dropped or the ending cut, quotes and dashes restyled. Gold pairs are (original, copy) and
(copy, copy) of one article. Any pair found between two originals counts against precision
and is reported separately as a false merge (the 609 originals are distinct reports, some of
the same event).
"""

from __future__ import annotations

import itertools
import json
import random
import time
from pathlib import Path

from newsdesk.ingest import duplicates
from newsdesk.ingest.readers import read_file

DEFAULT_ARTICLES = Path("../shared/eval/multihop-rag/articles")
DATELINES = ["WASHINGTON (AP) - ", "LONDON (Reuters) - ", "NEW YORK - ", "(Bloomberg) -- ", ""]
CREDITS = ["This story was originally published by {outlet}.",
           "Distributed by Tribune Content Agency.", "Copyright 2023 The Associated Press.", ""]
FILLER = ["reportedly", "also", "now", "still", "recently", "officially"]


def _restyle(text: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    if rng.random() < 0.5:
        text = text.replace(" \u2014 ", " -- ").replace("\u2014", " - ")
    return text


def _edit_words(paragraph: str, rng: random.Random, rate: float) -> str:
    words = paragraph.split(" ")
    for i in range(len(words)):
        roll = rng.random()
        if roll < rate / 3:
            words[i] = ""  # a word dropped
        elif roll < 2 * rate / 3:
            words[i] = f"{words[i]} {rng.choice(FILLER)}"  # a word added
        elif roll < rate:
            words[i] = words[i].upper() if rng.random() < 0.5 else words[i][::-1]  # changed
    return " ".join(w for w in words if w)


def rewrite(body: str, rng: random.Random, outlet: str) -> str:
    """A copy of `body` as another outlet might run it: small edits, same story."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    rate = rng.uniform(0.01, 0.05)
    paragraphs = [_edit_words(p, rng, rate) for p in paragraphs]
    if len(paragraphs) > 6 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs) - 1)]  # one paragraph dropped
    if len(paragraphs) > 8 and rng.random() < 0.3:
        paragraphs = paragraphs[: int(len(paragraphs) * 0.85)]  # the ending cut
    paragraphs[0] = rng.choice(DATELINES) + paragraphs[0]
    credit = rng.choice(CREDITS).format(outlet=outlet)
    if credit:
        paragraphs.append(credit)
    return _restyle("\n\n".join(paragraphs), rng)


def load_articles(folder: Path) -> list[tuple[str, str, str]]:
    """(key, body, outlet) of every article in the folder."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        for article in read_file(path, path.name):
            out.append((path.name, article.text, article.source))
    return out


def build_corpus(originals: list[tuple[str, str]], copies: int, seed: int):
    """(key, body, outlet) for originals and copies, and the gold duplicate pairs."""
    rng = random.Random(seed)
    corpus = list(originals)
    gold: set[frozenset] = set()
    chosen = rng.sample(range(len(originals)), min(copies, len(originals)))
    for n, index in enumerate(chosen):
        key, body, _ = originals[index]
        family = [key]
        for k in range(1 + (n % 3 == 0)):  # a third of the stories run by two more outlets
            copy_key = f"copy{k}:{key}"
            outlet = f"Outlet {n}-{k}"
            corpus.append((copy_key, rewrite(body, rng, outlet), outlet))
            family.append(copy_key)
        gold.update(frozenset(p) for p in itertools.combinations(family, 2))
    return corpus, gold


def evaluate(folder: Path, copies: int = 200, seed: int = 7,
             similarity: float = duplicates.SIMILARITY) -> dict:
    originals = load_articles(folder)
    corpus, gold = build_corpus(originals, copies, seed)
    started = time.perf_counter()
    found = {frozenset((a, b)) for a, b, _ in duplicates.duplicate_pairs(corpus, similarity)}
    seconds = time.perf_counter() - started
    original_keys = {key for key, _, _ in originals}
    false_merges = sorted(tuple(sorted(p)) for p in found if p <= original_keys)
    hits = len(found & gold)
    return {"articles": len(originals), "copies": len(corpus) - len(originals),
            "gold_pairs": len(gold), "found_pairs": len(found), "similarity": similarity,
            "precision": round(hits / len(found), 4) if found else 1.0,
            "recall": round(hits / len(gold), 4) if gold else 1.0,
            "false_merges_among_originals": len(false_merges),
            "false_merge_examples": false_merges[:5], "seconds": round(seconds, 2)}


SEEDS = {"dev": 7, "test": 8}  # which copies are made: calibrate on dev, report test


def main(args, settings) -> int:
    folder = Path(args.data or DEFAULT_ARTICLES)
    if not folder.is_dir():
        print(f"No MultiHop-RAG articles at {folder}; pass --data FOLDER.")
        return 2
    sweep = [args.similarity] if args.similarity else [0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
    seed = SEEDS.get(args.split, SEEDS["dev"])
    reports = [evaluate(folder, seed=seed, similarity=s) for s in sweep]
    for r in reports:
        print(f"similarity >= {r['similarity']:.2f}: precision {r['precision']:.4f}  recall "
              f"{r['recall']:.4f}  ({r['found_pairs']} found / {r['gold_pairs']} gold pairs; "
              f"{r['articles']} originals + {r['copies']} copies)  false merges among "
              f"originals: {r['false_merges_among_originals']}  [{r['seconds']} s]")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(reports, indent=2))
    return 0
