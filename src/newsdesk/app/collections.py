"""One Runtime per collection, all sharing one embedder and one model; "all" answers from
every collection at once (see search/fused.py)."""

from __future__ import annotations

from newsdesk.errors import IndexMissingError
from newsdesk.index import store
from newsdesk.index.collections import (ALL, DEFAULT, check_name, is_all, list_collections,
                                        root_of, settings_for)


class _AllCollections:
    """Stands where a Runtime does for answering: an assistant over every collection."""

    def __init__(self, assistant):
        self.assistant = assistant


class Collections:
    def __init__(self, first):
        """`first`: the runtime already made (its collection's); the others are its siblings."""
        self.first = first
        self.root = root_of(first.settings)
        name = first.settings.collection
        self._runtimes = {DEFAULT if name is None or is_all(name) else check_name(name): first}

    @property
    def current(self) -> str:
        return next(iter(self._runtimes))

    def names(self) -> list[str]:
        return [c.name for c in list_collections(self.root)]

    def runtime(self, name: str | None):
        name = check_name(name)
        if name not in self._runtimes:
            settings = settings_for(self.first.settings.replace(index_dir=self.root,
                                                                collection=DEFAULT), name)
            if store.current_build(settings.index_dir) is None:
                raise IndexMissingError(f"No collection named {name!r}; build it with "
                                        f"`newsdesk index FOLDER --collection {name}`")
            self._runtimes[name] = self.first.sibling(settings)
        return self._runtimes[name]

    def for_answers(self, name: str | None):
        """What the chat answers from: one collection's runtime, or all of them."""
        if is_all(name):
            return _AllCollections(self.all_assistant())
        return self.runtime(name)

    def all_assistant(self):
        """An assistant whose retriever searches every collection and fuses the rankings."""
        from newsdesk.answer.assistant import Assistant
        from newsdesk.search.fused import FusedRetriever

        retrievers = {name: self.runtime(name).retriever() for name in self.names()}
        settings = self.first.settings
        bundled = settings.model_path is None and not settings.llm_url
        return Assistant(FusedRetriever(retrievers), self.first.generator, settings.answer,
                         bundled_model=bundled)


__all__ = ["ALL", "Collections"]
