"""Time to first token by prompt size: passages x sentences per passage.

    python benchmarks/first_token.py --index /tmp/mhidx --questions 16 --configs 5x3 5x2 4x2

Uses MultiHop-RAG dev questions (from ../shared) on an index of its articles, the default
model loaded once; each configuration is run twice, alternating, so that warm-up does not
favour one. Prints mean/p50/p95 first-token time and the prompt tokens llama.cpp evaluated."""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from newsdesk.answer.assistant import Answered, Assistant
from newsdesk.eval.bench import _questions
from newsdesk.models.embedder import SentenceTransformerEmbedder
from newsdesk.models.llama import LlamaGenerator
from newsdesk.search.retriever import Retriever


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=Path("../shared/eval/multihop-rag/articles"))
    parser.add_argument("--questions", type=int, default=16)
    parser.add_argument("--configs", nargs="+", default=["5x3", "5x2", "4x2"])
    args = parser.parse_args()
    embedder, generator = SentenceTransformerEmbedder(), LlamaGenerator()
    retriever = Retriever.load(args.index, embedder)
    questions = _questions(args.data, args.questions)
    for config in args.configs * 2:
        k, sentences = (int(x) for x in config.split("x"))
        assistant = Assistant(retriever, generator, top_k=k, excerpt_sentences=sentences)
        firsts, prompt_tokens = [], []
        for q in questions:
            generator.reset_perf()
            result = next(e.result for e in assistant.answer(q) if isinstance(e, Answered))
            if "first_token" in result.timings:
                firsts.append(result.timings["first_token"])
                prompt_tokens.append(generator.perf()["prompt_tokens"])
        firsts.sort()
        print(f"{config}: first token mean {statistics.mean(firsts):.2f} s, p50 "
              f"{statistics.median(firsts):.2f} s, p95 {firsts[int(0.95 * (len(firsts) - 1))]:.2f} s; "
              f"{statistics.mean(prompt_tokens):.0f} prompt tokens evaluated; {len(firsts)} answers",
              flush=True)


if __name__ == "__main__":
    main()
