"""Pick the embedder's batch size, thread count and ordering by measurement.

Encodes the same run of consecutive index chunks (titles prepended, as the indexer does)
under each setting and prints chunks/s:

    python benchmarks/embed_settings.py --index /tmp/mhidx --chunks 1000

"in order" feeds chunks as the indexer did before (article order, 256 per encode call, so
sentence-transformers sorts by length only inside each call); "sorted" sorts the whole run by
token count first, so every batch holds chunks of nearly one length and pads least.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from newsdesk.index import store
from newsdesk.models.embedder import SentenceTransformerEmbedder
from newsdesk.ingest.sync import embedding_text


def _texts(index_dir: Path, n: int) -> list[str]:
    data = store.load(index_dir, verify=False)
    start = len(data.chunks) // 3  # skip nothing special: a run from the middle of the corpus
    return [embedding_text(data.articles[c.article], c.text) for c in data.chunks[start:start + n]]


def _rate(embedder: SentenceTransformerEmbedder, texts: list[str], batch_size: int,
          sort_all: bool) -> float:
    if sort_all:
        lengths = embedder.count_tokens(texts)
        texts = [texts[i] for i in np.argsort(lengths, kind="stable")]
    embedder.encode(texts[:batch_size], batch_size=batch_size)  # warm-up
    started = time.perf_counter()
    for offset in range(0, len(texts), 256):
        embedder.encode(texts[offset:offset + 256], batch_size=batch_size)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--chunks", type=int, default=1000)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[16, 32, 64, 128])
    parser.add_argument("--precision", default="auto")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import torch

    texts = _texts(args.index, args.chunks)
    embedder = SentenceTransformerEmbedder(precision=args.precision)
    rows = []
    print(f"{len(texts)} chunks, precision {embedder.precision}")
    print(f"{'threads':>7} {'batch':>5} {'order':>8} {'chunks/s':>9}")
    for threads in args.threads:
        torch.set_num_threads(threads)
        for batch_size in args.batch_sizes:
            for sort_all in (False, True):
                rate = _rate(embedder, texts, batch_size, sort_all)
                order = "sorted" if sort_all else "in order"
                rows.append({"threads": threads, "batch_size": batch_size, "order": order,
                             "chunks_per_s": round(rate, 1)})
                print(f"{threads:>7} {batch_size:>5} {order:>8} {rate:>9.1f}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
