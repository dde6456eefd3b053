"""The one exception tree of untm.

Every error untm raises on purpose derives from :class:`UntmError`; ``str(error)``
is a single line that names the file (when there is one) and says what to do.
The CLI catches the base class once, prints ``Error: <message>`` and exits 2;
library code never exits the process.
"""

from __future__ import annotations

from os import PathLike


class UntmError(Exception):
    """Base class of all untm errors. The message is one line, shown after ``Error:``."""


class UsageError(UntmError):
    """An option or argument value that untm cannot act on."""


class DatabaseError(UntmError):
    """The database cannot be opened, is damaged, locked, or from a newer untm."""


class NotFoundError(UntmError):
    """A named record (concept id, origin) does not exist."""


class InputError(UntmError):
    """A file given by the user cannot be used.

    The message always starts with the file name (``-`` is shown as ``<stdin>``),
    then the line when known, then the problem.
    """

    def __init__(self, source: str | PathLike[str], problem: str, line: int | None = None) -> None:
        self.source = "<stdin>" if str(source) == "-" else str(source)
        self.problem = " ".join(problem.split())  # always one line
        self.line = line
        where = f"{self.source}: line {line}: " if line else f"{self.source}: "
        super().__init__(where + self.problem)

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None]]:
        # Errors cross the process boundary of the import pipeline.
        return (type(self), (self.source, self.problem, self.line))


class FormatError(InputError):
    """The file is not valid for its format (malformed XML, invalid TBX/TMX/TSV)."""


class EncodingError(InputError):
    """The file's bytes cannot be decoded (wrong or mixed encodings)."""


class UnsafeInputError(InputError):
    """The file asks for something untm refuses to do (external or expanding entities)."""


class LanguageError(InputError):
    """Languages in the file are missing, unknown, or not the requested pair."""


__all__ = [
    "DatabaseError",
    "EncodingError",
    "FormatError",
    "InputError",
    "LanguageError",
    "NotFoundError",
    "UnsafeInputError",
    "UntmError",
    "UsageError",
]
