"""The few error types newsdesk raises on purpose; each message says what to do."""


class NewsdeskError(Exception):
    """Base class: an expected failure with a message meant for the user."""


class IndexMissingError(NewsdeskError):
    """No index where one was expected."""


class IndexMismatchError(NewsdeskError):
    """The index was built with another embedder or other chunking settings."""


class IndexCorruptError(NewsdeskError):
    """An index file is truncated, altered or unreadable."""


class IndexBusyError(NewsdeskError):
    """Another process is writing the same index."""


class ModelLoadError(NewsdeskError):
    """A model (embedder or LLM) could not be found or loaded."""


class BadInputError(NewsdeskError):
    """A question, file or argument that cannot be used as given."""
