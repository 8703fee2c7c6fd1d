"""Page furniture in pages saved as text: the seed page and MultiHop-RAG articles dressed up
as page copies (see newsdesk.eval.pages). Prints furniture lines that reach a passage, body
sentences no passage holds, and wrong titles/dates/bylines.

    python benchmarks/page_furniture.py [--data ../shared/eval/multihop-rag] [--count 36]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from newsdesk.eval import pages
from newsdesk.ingest.chunking import chunk_text, whitespace_token_counter
from newsdesk.ingest.readers import read_file

ROOT = Path(__file__).resolve().parents[1]


def seed_figures(folder: Path) -> dict:
    """The seed page: which of its lines stay out of passages, and its metadata."""
    figures = {}
    for path in sorted(folder.glob("*.txt")):
        article = read_file(path, path.name)[0]
        chunks = chunk_text(article.text, whitespace_token_counter, 200, 1, skip=article.furniture)
        figures[path.name] = {
            "title": article.title, "source": article.source, "published": article.published,
            "author": article.author, "lines_left_out": [article.text[s:e] for s, e in article.furniture],
            "passages": len(chunks)}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "multihop-rag")
    parser.add_argument("--seed-folder", type=Path, default=ROOT.parent / "shared" / "seed")
    parser.add_argument("--count", type=int, default=36)
    parser.add_argument("--seeds", default="7,1,2,3", help="random seeds of the page styles")
    args = parser.parse_args()
    if args.seed_folder.is_dir():
        print(json.dumps(seed_figures(args.seed_folder), indent=1, ensure_ascii=False))
    if not (args.data / "articles").is_dir():
        raise SystemExit(f"MultiHop-RAG articles not found under {args.data}")
    with tempfile.TemporaryDirectory() as work:
        for seed in map(int, args.seeds.split(",")):
            figures = pages.run(args.data / "articles", Path(work), args.count, seed)
            print(f"style seed {seed}: " + json.dumps(figures))


if __name__ == "__main__":
    main()
