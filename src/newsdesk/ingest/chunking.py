"""Pure functions: article text -> sentence spans -> chunks within the embedder's token limit.

Every span is a pair of character offsets into the article text, so a passage can always be
shown (and highlighted) in its article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

TokenCounter = Callable[[Sequence[str]], list[int]]

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp",
    "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "no", "fig", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g",
    "i.e", "a.m", "p.m", "mt", "ft", "approx", "est",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+|\n+")


@dataclass(frozen=True)
class Chunk:
    """A passage of an article: `text == article_text[start:end]`."""

    ordinal: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end), stripped of surrounding whitespace; newlines always split."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        boundary = match.group(0)
        if "\n" not in boundary:
            before = text[start:match.start() + 1]
            word = re.search(r"([A-Za-z][A-Za-z.]*)\.$", before.rstrip(".!?\"'”’)]") + ".")
            last_word = word.group(1).lower() if word else ""
            nxt = text[match.end():match.end() + 1]
            if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
                continue
            if nxt and nxt.islower():
                continue
        end = match.end()
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((start + lead, start + lead + len(stripped)))


def _split_long(text: str, span: tuple[int, int], tokens: int, max_tokens: int,
                count_tokens: TokenCounter) -> list[tuple[int, int, int]]:
    """Cut an over-long sentence into word windows that fit, keeping offsets."""
    words = [(m.start() + span[0], m.end() + span[0])
             for m in re.finditer(r"\S+", text[span[0]:span[1]])]
    if not words:
        return []
    counts = count_tokens([text[s:e] for s, e in words])
    pieces, piece_start, piece_tokens, last_end = [], words[0][0], 0, words[0][1]
    for (s, e), n in zip(words, counts):
        n = max(1, n)
        if piece_tokens and piece_tokens + n > max_tokens:
            pieces.append((piece_start, last_end, piece_tokens))
            piece_start, piece_tokens = s, 0
        if n > max_tokens:  # one giant "word" (a URL, base64): cut it by characters
            step = max(1, len(text[s:e]) * max_tokens // (n + 1))
            for cut in range(s, e, step):
                pieces.append((cut, min(e, cut + step), max_tokens))
            piece_start, piece_tokens, last_end = e, 0, e
            continue
        piece_tokens += n
        last_end = e
    if piece_tokens:
        pieces.append((piece_start, last_end, piece_tokens))
    return pieces


def chunk_text(text: str, count_tokens: TokenCounter, max_tokens: int = 200,
               overlap_sentences: int = 1,
               skip: Sequence[Sequence[int]] = ()) -> list[Chunk]:
    """Greedy sentence packing: each chunk holds whole sentences up to `max_tokens` tokens;
    the next chunk repeats the last `overlap_sentences` sentences for context.

    Sentences overlapping a `skip` span (page furniture) are left out, and no chunk reaches
    across one, so every chunk is still an exact span of `text` with no furniture inside."""
    if max_tokens < 8:
        raise ValueError("max_tokens must be at least 8")
    spans = [span for span in split_sentences(text) if not _overlaps(span, skip)]
    if not spans:
        return []
    counts = count_tokens([text[s:e] for s, e in spans])
    units: list[tuple[int, int, int]] = []
    for span, n in zip(spans, counts):
        if n > max_tokens:
            units.extend(_split_long(text, span, n, max_tokens, count_tokens))
        else:
            units.append((span[0], span[1], max(1, n)))
    chunks: list[Chunk] = []
    for run in _runs_between(units, skip):
        for group in _pack(run, max_tokens, overlap_sentences):
            chunk = _make_chunk(text, len(chunks), group)
            if not chunks or chunk.end > chunks[-1].end:
                chunks.append(chunk)
    return chunks


def _overlaps(span: tuple[int, int], skip: Sequence[Sequence[int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in skip)


def _runs_between(units: list[tuple[int, int, int]], skip: Sequence[Sequence[int]]
                  ) -> list[list[tuple[int, int, int]]]:
    """Consecutive units with no skipped span between them."""
    runs: list[list[tuple[int, int, int]]] = []
    for unit in units:
        if runs and not any(runs[-1][-1][1] <= start and end <= unit[0] for start, end in skip):
            runs[-1].append(unit)
        else:
            runs.append([unit])
    return runs


def _pack(units: list[tuple[int, int, int]], max_tokens: int, overlap_sentences: int
          ) -> list[list[tuple[int, int, int]]]:
    groups: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    total = 0
    for unit in units:
        if current and total + unit[2] > max_tokens:
            groups.append(current)
            keep = current[-overlap_sentences:] if overlap_sentences > 0 else []
            while keep and sum(u[2] for u in keep) + unit[2] > max_tokens // 2 + unit[2] // 2:
                keep = keep[1:]
            if keep and sum(u[2] for u in keep) + unit[2] > max_tokens:
                keep = []
            current, total = list(keep), sum(u[2] for u in keep)
        current.append(unit)
        total += unit[2]
    if current:
        groups.append(current)
    return groups


def _make_chunk(text: str, ordinal: int, units: list[tuple[int, int, int]]) -> Chunk:
    start, end = units[0][0], units[-1][1]
    return Chunk(ordinal=ordinal, start=start, end=end, text=text[start:end])


def whitespace_token_counter(texts: Sequence[str]) -> list[int]:
    """One token per whitespace-separated word: additive, for tests and tools without a tokenizer."""
    return [len(t.split()) for t in texts]
