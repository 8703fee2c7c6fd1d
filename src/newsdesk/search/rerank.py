"""Re-rank retrieved passages by their best single sentence.

Evidence is usually one sentence, and a chunk that merely mentions many query words
scattered should lose. Two sentence rankings are fused with the first-stage one: the share
of the whole question's term weight (IDF, plus adjacent term pairs) a sentence holds, and
the largest share of any one clause's term weight it holds: multi-part questions chain
several claims, and the evidence sentence for one claim rarely mentions the others."""

from __future__ import annotations

from newsdesk.index.keyword import KeywordIndex
from newsdesk.ingest.chunking import split_sentences
from newsdesk.question.clauses import clauses
from newsdesk.question.outlets import OutletMatcher
from newsdesk.search.fusion import ranked, reciprocal_rank_fusion
from newsdesk.search.passage import Passage
from newsdesk.settings import RetrievalConfig


class SentenceRerank:
    def __init__(self, keyword: KeywordIndex, outlets: OutletMatcher,
                 config: RetrievalConfig = RetrievalConfig()):
        self.keyword = keyword
        self.outlets = outlets
        self.config = config

    def _clause_weights(self, query: str, idf: dict[str, float]) -> list[tuple[set, float, set]]:
        c = self.config
        parts = []
        for clause in clauses(query):
            terms = set(self.keyword.terms(clause))
            weight = sum(idf.get(t, 0.0) for t in terms)
            if len(terms) >= c.min_clause_terms and weight > 0:
                named = set(self.outlets.find(clause)) if c.clause_outlets else set()
                parts.append((terms, weight, named))
        return parts

    def __call__(self, query: str, passages: list[Passage]) -> list[Passage]:
        if len(passages) < 2:
            return passages
        terms = self.keyword.terms(query)
        idf = self.keyword.idf(terms)
        total = sum(idf.values())
        if total <= 0:
            return passages
        pairs = set(zip(terms, terms[1:]))
        parts = self._clause_weights(query, idf)
        whole, by_clause = {}, {}
        for i, p in enumerate(passages):
            sentences = [p.text[s:e] for s, e in split_sentences(p.text)]
            best = best_clause = 0.0
            for tokens in self.keyword.terms_of_many(sentences):
                present = set(tokens)
                words = sum(idf.get(t, 0.0) for t in present)
                bigrams = sum(idf.get(a, 0.0) + idf.get(b, 0.0)
                              for a, b in set(zip(tokens, tokens[1:])) if (a, b) in pairs)
                best = max(best, (words + 0.5 * bigrams) / total)
                for clause_terms, weight, named in parts:
                    if named and p.outlet not in named:
                        continue  # "... as reported by Wired" is evidence only in Wired
                    share = sum(idf.get(t, 0.0) for t in present & clause_terms) / weight
                    best_clause = max(best_clause, share)
            whole[i], by_clause[i] = best, best_clause
        c = self.config
        rankings = [(list(range(len(passages))), c.rerank_base), (ranked(whole), c.rerank_weight)]
        if parts:
            rankings.append((ranked(by_clause), c.rerank_clause))
        fused = reciprocal_rank_fusion(rankings, c.rerank_rrf_k)
        order = ranked(fused)
        for i in order:
            passages[i].score = fused[i]
        return [passages[i] for i in order]
