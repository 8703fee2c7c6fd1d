"""Retrieval latency of two stores holding the same index, measured on alternate questions
so that a busy machine slows both alike (the eval's p50 moves with the machine's load):

    python benchmarks/store_latency.py ~/.cache/newsdesk/eval/multihop-rag-index \\
        postgresql://... --questions 200

Prints p50/p95 of `Retriever.search(question, 10)` per store and the top-10 overlap."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from newsdesk.models.embedder import SentenceTransformerEmbedder
from newsdesk.search.retriever import Retriever


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stores", nargs=2, help="two index folders or postgresql:// addresses")
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/multihop-rag"))
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    embedder = SentenceTransformerEmbedder(threads=args.threads)
    retrievers = [Retriever.load(s, embedder) for s in args.stores]
    lines = (args.data / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines[: args.questions]]
    times: list[list[float]] = [[], []]
    same = []
    for n, question in enumerate(questions):
        found = [None, None]
        for i in (n % 2, 1 - n % 2):  # alternate which store goes first
            started = time.perf_counter()
            found[i] = [(p.path, p.start) for p in retrievers[i].search(question, 10)]
            times[i].append((time.perf_counter() - started) * 1000)
        same.append(len(set(found[0]) & set(found[1])) / max(1, len(found[0])))
    for store, ms in zip(args.stores, times):
        print(f"{store}: p50 {np.percentile(ms, 50):.1f} ms, p95 {np.percentile(ms, 95):.1f} ms")
    print(f"{len(questions)} questions; top-10 overlap {np.mean(same):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
