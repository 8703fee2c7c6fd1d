"""PDF reading on news pages printed by Chromium from MultiHop-RAG articles.

1. pypdf vs pdfminer.six: character similarity (rapidfuzz ratio, whitespace collapsed) of
   each library's text to the article, and seconds per PDF.
2. newsdesk's reader (ingest/pdf.py): similarity of the stored article text to the article.
3. Retrieval: the same articles indexed as their text files and as PDFs with the real
   embedder; Hits@10 on the dev questions whose evidence lies in those articles.

    python benchmarks/pdf_extraction.py [--data ../shared/eval/multihop-rag] [--count 24]
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz

from newsdesk.eval import metrics
from newsdesk.eval.multihop import load_questions
from newsdesk.eval.pdfs import collapse, print_pdfs, reference_text
from newsdesk.ingest.readers import read_file

ROOT = Path(__file__).resolve().parents[1]


def pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text(extraction_mode="layout") for p in PdfReader(io.BytesIO(data)).pages)


def pdfminer_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(collapse(a), collapse(b)) / 100


def pick(data: Path, count: int) -> tuple[list[str], list[dict]]:
    """Up to `count` articles cited by dev questions, and the questions they fully cover."""
    chosen: list[str] = []
    questions = []
    for q in load_questions(data, "dev"):
        needed = {e["article"] for e in q["evidence"]}
        if len(set(chosen) | needed) <= count:
            chosen += sorted(needed - set(chosen))
            questions.append(q)
    return chosen, questions


def compare_libraries(articles: list[dict], pdfs: list[Path]) -> dict:
    figures = {}
    for name, extract in (("pypdf", pypdf_text), ("pdfminer.six", pdfminer_text)):
        scores, seconds = [], []
        for article, path in zip(articles, pdfs):
            started = time.perf_counter()
            text = extract(path.read_bytes())
            seconds.append(time.perf_counter() - started)
            scores.append(similarity(text, reference_text(article)))
        figures[name] = {"mean": round(statistics.mean(scores), 4), "min": round(min(scores), 4),
                         "seconds_per_pdf": round(statistics.mean(seconds), 3)}
    return figures


def reader_similarity(articles: list[dict], pdfs: list[Path]) -> dict:
    scores = [similarity(read_file(p, p.name)[0].text, reference_text(a))
              for a, p in zip(articles, pdfs)]
    return {"pdfs": len(scores), "mean": round(statistics.mean(scores), 4),
            "min": round(min(scores), 4), "at_least_0.95": sum(s >= 0.95 for s in scores)}


def hits_at_10(folder: Path, index_dir: Path, questions: list[dict], embedder) -> float:
    from newsdesk.ingest.sync import build_index
    from newsdesk.search.retriever import Retriever

    build_index(folder, index_dir, embedder)
    retriever = Retriever.load(index_dir, embedder)
    hits = []
    for q in questions:
        passages = retriever.search(q["question"], 10)
        rel = metrics.relevance([p.text for p in passages], [e["text"] for e in q["evidence"]])
        hits.append(metrics.hits_at(rel, 10))
    return round(statistics.mean(hits), 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "multihop-rag")
    parser.add_argument("--count", type=int, default=24)
    args = parser.parse_args()
    names, questions = pick(args.data, args.count)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        (work / "txt").mkdir()
        for name in names:
            shutil.copy(args.data / "articles" / name, work / "txt" / name)
        articles = [read_file(work / "txt" / n, n)[0].to_dict() for n in names]
        pdfs = print_pdfs(articles, work / "pdf")
        report = {"articles": len(names), "questions": len(questions),
                  "libraries": compare_libraries(articles, pdfs),
                  "reader": reader_similarity(articles, pdfs)}
        print(json.dumps(report, indent=1), flush=True)
        from newsdesk.models.embedder import SentenceTransformerEmbedder

        embedder = SentenceTransformerEmbedder()
        report["hits@10"] = {kind: hits_at_10(work / kind, work / f"idx-{kind}", questions, embedder)
                             for kind in ("txt", "pdf")}
        print(json.dumps(report["hits@10"]))


if __name__ == "__main__":
    main()
