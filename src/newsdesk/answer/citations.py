"""Citations: parse `[n]` markers, check each answer sentence against the passages it cites,
and find the supporting sentence(s) to highlight (as character spans into the article)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from newsdesk.answer.instructions import addresses_the_assistant
from newsdesk.ingest.chunking import split_sentences
from newsdesk.text import NUMBER, STOP, WORD, base_words, content_words, key_terms, normalize

_MARKER = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]")
VERDICTS = {"yes", "no", "true", "false", "consistent", "inconsistent", "correct", "incorrect",
            "agree", "disagree", "same", "different", "similar"}
SimilarityFn = Callable[[str, Sequence[str]], Sequence[float]]  # claim, candidates -> cosine


@dataclass
class SupportSpan:
    n: int  # passage number (1-based)
    start: int  # character offsets into the article text
    end: int
    text: str
    score: float


@dataclass
class CheckedSentence:
    text: str
    citations: list[int]
    supported: bool
    support: list[SupportSpan] = field(default_factory=list)
    added_citation: bool = False  # the citation was set by the checker, not the model
    evidence: bool = False  # a quoted passage sentence added as evidence, not model text

    def cited(self) -> str:
        """The sentence with its markers, as streamed: 'Yes. [1][3]'."""
        return f"{self.text} {''.join(f'[{n}]' for n in self.citations)}".strip()

    def to_dict(self) -> dict:
        return {"text": self.text, "citations": self.citations, "supported": self.supported,
                "added_citation": self.added_citation, "evidence": self.evidence,
                "support": [s.__dict__ for s in self.support]}


def parse_markers(answer: str, passage_count: int) -> tuple[str, list[int]]:
    """Drop markers that point at passages that were not given; return (clean answer, dropped)."""
    dropped: list[int] = []

    def keep_valid(match: re.Match) -> str:
        numbers = [int(x) for x in re.split(r"[,;]", match.group(1))]
        good = [n for n in numbers if 1 <= n <= passage_count]
        dropped.extend(n for n in numbers if not 1 <= n <= passage_count)
        return "".join(f"[{n}]" for n in dict.fromkeys(good))

    cleaned = _MARKER.sub(keep_valid, answer)
    cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", cleaned)
    return re.sub(r"[ \t]{2,}", " ", cleaned).strip(), dropped


def cited_numbers(text: str) -> list[int]:
    numbers: list[int] = []
    for match in _MARKER.finditer(text):
        numbers.extend(int(x) for x in re.split(r"[,;]", match.group(1)))
    return list(dict.fromkeys(numbers))


def strip_markers(text: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", _MARKER.sub("", text)).strip()


MIN_WORDS = 4  # shorter lines are headings or captions ("Jellyfish learning centers")


# A link to another story: "MORE: Highlights, recap ...", "Also Read: IND vs NZ ...",
# "Read more: ...", "Related: ..."
_LINK_LINE = re.compile(r"^\s*(?:[A-Z]{2,}(?:\s+[A-Z]{2,})*|(?i:(?:also\s+)?read(?:\s+more)?|"
                        r"see\s+also|related(?:\s+stories)?|recommended|watch))\s*:")


def states_anything(sentence: str) -> bool:
    """A sentence that can be evidence: not a question, not a heading, not a link line."""
    text = sentence.strip()
    return (not text.endswith("?") and len(text.split()) >= MIN_WORDS
            and not _LINK_LINE.match(text))


_ENDS_A_SENTENCE = re.compile(r"[.!\"”’')\]]\s*$")


def tells_the_story(sentence: str, outlet: str) -> bool:
    """A line a story summary or a timeline can quote: a statement (`states_anything`)
    that ends as a sentence and does not name its own outlet ("The Daily Ledger is tracking
    the latest updates" is about the coverage, not the story). The outlet's name as
    written, capitals and all ("The Age", not "at the age of 78"); an outlet stored as
    "Cnbc" is written "CNBC"."""
    if not states_anything(sentence) or not _ENDS_A_SENTENCE.search(sentence):
        return False
    name = re.split(r"\s*(?:\||\s-\s|:)\s*", outlet)[0].strip()
    forms = ({name, name.upper()} if len(name) <= 5 else {name}) if len(name) >= 3 else set()
    return not any(re.search(rf"\b{re.escape(form)}\b", sentence) for form in forms)


def lexical_support(claim: str, candidate: str,
                    words: Callable[[str], set[str]] = content_words) -> float:
    """Share of the claim's content words (`words`) found in the candidate (0..1)."""
    claim_words = words(claim)
    if not claim_words:
        return 0.0
    return len(claim_words & words(candidate)) / len(claim_words)


def claim_support(claim: str, candidate: str) -> float:
    """`lexical_support` in which an irregular verb matches its other forms: a claim is
    said in the base form ("Did Japan send weapons?": "Japan send weapons"), its evidence
    in the past ("Tokyo has sent helmets, but no weapons")."""
    return lexical_support(claim, candidate, words=base_words)


def missing_key_terms(claim: str, evidence: str, names: set[str] = frozenset()) -> set[str]:
    """The claim's numbers and names that the evidence lacks. `names`: words known to be
    names (written capitalised inside a sentence of the passages): the claim's first word
    counts too when it is one ("Google joined the alliance" needs "Google")."""
    evidence_words = content_words(evidence) | {n.replace(",", "") for n in NUMBER.findall(evidence)}
    terms = key_terms(claim)
    first = WORD.match(claim.strip())
    if first and normalize(first.group(0)) in names and first.group(0).lower() not in STOP:
        terms.add(normalize(first.group(0)))
    return {t for t in terms if t not in evidence_words}


@dataclass(frozen=True)
class SupportThresholds:
    """Calibrated on the MultiHop-RAG dev split (docs/answers.md)."""

    lexical: float = 0.5
    combined: float = 0.55
    attach: float = 0.7  # an uncited sentence gets a citation only with clear support


def sentence_candidates(passages: Sequence, numbers: Sequence[int]) -> list[tuple[int, int, int, str]]:
    """(n, article_start, article_end, sentence) for each sentence of the given passages;
    a sentence addressing the assistant is never a candidate."""
    out = []
    for n in numbers:
        passage = passages[n - 1]
        for start, end in split_sentences(passage.text):
            if addresses_the_assistant(passage.text[start:end]):
                continue
            out.append((n, passage.start + start, passage.start + end, passage.text[start:end]))
    return out


def support_scores(claim: str, candidates: list[tuple[int, int, int, str]],
           similarity: SimilarityFn | None,
           overlap: Callable[[str, str], float] = lexical_support,
           words_in: Sequence[str] | None = None) -> list[float]:
    """Half word overlap (`overlap`), half cosine, of each candidate sentence with the claim.
    `words_in`: the texts whose words are counted instead of the sentences' own (a sentence
    read on from the one before it, `read_on`); the cosine stays the sentence's."""
    texts = words_in if words_in is not None else [c[3] for c in candidates]
    lexical = [overlap(claim, text) for text in texts]
    if similarity is None or not candidates:
        return lexical
    semantic = similarity(claim, [c[3] for c in candidates])
    return [0.5 * lex + 0.5 * max(0.0, float(sem)) for lex, sem in zip(lexical, semantic)]


def is_verdict(sentence: str) -> bool:
    """A bare judgement ("Yes.", "No [1].") with no claim of its own to check."""
    words = content_words(strip_markers(sentence))
    return bool(words) and words <= VERDICTS


_LEADING_VERDICT = re.compile(
    r"^\s*(yes|no|true|false|consistent|inconsistent)\b[,.:;!]?\s+(?=\S)", re.IGNORECASE)


def split_verdict(answer: str) -> str:
    """'Yes, the report says X [1].' -> 'Yes [1]. The report says X [1].' so that the verdict
    and the claim are checked (and shown) separately."""
    match = _LEADING_VERDICT.match(answer)
    if not match:
        return answer
    rest = answer[match.end():]
    first_end = re.search(r"[.!?](\s|$)", rest)
    marks = "".join(f"[{n}]" for n in cited_numbers(rest[: first_end.end()] if first_end else rest))
    verdict = match.group(1).capitalize()
    return f"{verdict} {marks}. {rest[:1].upper()}{rest[1:]}".replace(" .", ".")


def _support(claim: str, passages: Sequence, numbers: Sequence[int],
             similarity: SimilarityFn | None, thresholds: SupportThresholds, strict: bool,
             names: set[str]) -> tuple[bool, list[SupportSpan]]:
    """Is the claim supported by the given passages? Also the best supporting spans.
    `strict` asks for clear support (used when the checker picks the citation itself);
    `names`: the passages' names (see `missing_key_terms`)."""
    if not numbers:
        return False, []
    candidates = sentence_candidates(passages, numbers)
    scores = support_scores(claim, candidates, similarity)
    ranked = sorted(zip(scores, candidates), key=lambda item: -item[0])
    if not ranked:
        return False, []
    best_score, best = ranked[0]
    best_passage_text = " ".join(c[3] for c in candidates if c[0] == best[0])
    threshold = thresholds.combined if similarity else thresholds.lexical
    if strict:
        threshold = max(threshold, thresholds.attach)
    supported = best_score >= threshold and not missing_key_terms(claim, best_passage_text, names)
    spans = [SupportSpan(n=c[0], start=c[1], end=c[2], text=c[3], score=round(sc, 3))
             for sc, c in ranked[:2] if sc >= best_score * 0.8 and sc > 0 and c[0] == best[0]]
    return supported, spans


def check_answer(answer: str, passages: Sequence, similarity: SimilarityFn | None = None,
                 thresholds: SupportThresholds = SupportThresholds()) -> list[CheckedSentence]:
    """Check each answer sentence against the passages it cites (1-based numbers)."""
    checked = []
    answer = split_verdict(answer)
    names = set().union(*(key_terms(p.text) for p in passages))
    for start, end in split_sentences(answer):
        sentence = answer[start:end]
        claim = strip_markers(sentence)
        if len(content_words(claim)) == 0:
            continue
        numbers = [n for n in cited_numbers(sentence) if 1 <= n <= len(passages)]
        if is_verdict(claim):
            # A bare "Yes." has nothing to match: it is a judgment over the passages it cites
            # (or, uncited, over the two best passages shown to the model).
            added = not numbers
            numbers = numbers or list(range(1, min(2, len(passages)) + 1))
            checked.append(CheckedSentence(text=claim, citations=numbers, supported=bool(numbers),
                                           added_citation=added))
            continue
        supported, support = _support(claim, passages, numbers, similarity, thresholds,
                                      strict=False, names=names)
        added = False
        if not supported:
            # Uncited, or cited wrongly (small models often cite [1] for everything): attach
            # the passage that clearly supports the sentence, if one does.
            supported_elsewhere, elsewhere = _support(
                claim, passages, list(range(1, len(passages) + 1)), similarity, thresholds,
                strict=True, names=names)
            if supported_elsewhere:
                supported, support, added = True, elsewhere, True
                numbers = [elsewhere[0].n]
        checked.append(CheckedSentence(text=claim, citations=numbers, supported=supported,
                                       support=support, added_citation=added))
    return checked


def render_answer(checked: Sequence[CheckedSentence]) -> str:
    """The answer with citation markers placed after each sentence; quoted evidence follows
    on its own lines."""
    parts, quotes = [], []
    for sentence in checked:
        marks = "".join(f"[{n}]" for n in sentence.citations)
        text = sentence.text
        if marks and text and text[-1] in ".!?":
            line = f"{text[:-1]} {marks}{text[-1]}"
        else:
            line = f"{text} {marks}".strip()
        (quotes if sentence.evidence else parts).append(line)
    return "\n".join([" ".join(parts), *(f"- {q}" for q in quotes)]).strip()


def read_on(candidates: list[tuple[int, int, int, str]], i: int, passages: Sequence
             ) -> tuple[int, int, int, str]:
    """Candidate `i` with the sentence before it in its passage (the title, for the first)."""
    n, start, end, text = candidates[i]
    before = candidates[i - 1][3] if i and candidates[i - 1][0] == n else passages[n - 1].title
    return n, start, end, f"{before} {text}".strip()
