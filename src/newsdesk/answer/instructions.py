"""Sentences in an article that address the assistant ("ignore previous instructions and
..."): text planted to steer the model. They are never evidence for an answer and are left
out of what the model is shown; the article itself stays whole and searchable."""

from __future__ import annotations

import re

_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|other|"
    r"your)\b.{0,20}\b(instructions?|prompts?|rules|directions|articles|context)\b",
    r"\b(system|developer) (prompt|message|override|instructions?)\b",
    r"\byou are now\b|\bfrom now on,? (you|answer|reply|respond)\b",
    r"\bnew instructions\b",
    r"\b(reveal|print|repeat|show) (your|the) (system )?(prompt|instructions)\b",
    r"^\s*(assistant|system|user|ai)\s*:",
    r"\b(when|if) (anyone|someone|the user|a user|you are) (asks?|asked)\b.{0,80}\b"
    r"(answer|reply|respond|say|tell|write|do not|don't)\b",
    r"\b(answer|reply|respond) (only )?with (exactly|only|the word)\b",
    r"\bas an ai (language )?model\b",
)]


def addresses_the_assistant(sentence: str) -> bool:
    """True for a sentence written to instruct an AI model rather than to report news."""
    return any(p.search(sentence) for p in _PATTERNS)
