"""Copy the current state of one store into another without embedding anything again, e.g.
the MultiHop-RAG eval index (FAISS folder) into PostgreSQL, so that both stores are compared
on the very same vectors:

    python benchmarks/copy_index.py ~/.cache/newsdesk/eval/multihop-rag-index postgresql://...
"""

from __future__ import annotations

import argparse
import sys
import time

from newsdesk.index.backend import open_store
from newsdesk.ingest.sync import keyword_text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="index folder or postgresql:// address to read")
    parser.add_argument("target", help="index folder or postgresql:// address to write")
    args = parser.parse_args()
    source, target = open_store(args.source), open_store(args.target)
    data = source.load()
    texts = [keyword_text(data.articles[c.article], c.text) for c in data.chunks]
    manifest = {k: v for k, v in data.manifest.items()
                if k not in ("checksums", "generation", "index_type", "hnsw")}
    started = time.perf_counter()
    with target.writer_lock():
        target.publish(manifest, data.vectors.reconstruct_all(), data.chunks, data.articles,
                       texts, replace=True)
    print(f"copied {len(data.articles)} articles, {len(data.chunks)} chunks from "
          f"{source.location} to {target.location} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
