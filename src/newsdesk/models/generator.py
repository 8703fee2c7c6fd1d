"""What newsdesk needs from a language model, whatever runs it.

Every generator streams an answer to chat messages (`stream`), optionally continuing a
given start (`prefix`: the verdict is decided first, the model writes the rest). A
generator that can read its own logits says so with `can_score = True` and implements
`first_token_scores`; the others set it False and the assistant does without scores.
"""

from __future__ import annotations

import threading
from typing import Iterator, Protocol, Sequence

Message = dict  # {"role": "system"|"user"|"assistant", "content": str}


class Generator(Protocol):
    name: str
    context_size: int
    can_score: bool

    def count_tokens(self, text: str) -> int: ...

    def stream(self, messages: Sequence[Message], max_tokens: int = 256,
               stop: Sequence[str] = (), cancel: threading.Event | None = None,
               prefix: str = "") -> Iterator[str]: ...

    def first_token_scores(self, messages: Sequence[Message], options: Sequence[str]
                           ) -> dict[str, float] | None:
        """The model's logit for starting its answer with each option; None when it cannot."""
        ...
