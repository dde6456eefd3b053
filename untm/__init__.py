"""untm - terminology and translation memory for Chinese-English UN documents.

The public API is small and lives in the subpackages:

* :mod:`untm.termbase` - concepts and terms, lookup, term matching in running text,
  TBX/TSV interchange;
* :mod:`untm.tm` - translation memory: TMX import/export, fuzzy lookup, concordance;
* :mod:`untm.text` - normalization, PDF clean-up and sentence segmentation;
* :mod:`untm.errors` - the exception tree (base :class:`~untm.errors.UntmError`).

Open the one database with :func:`untm.db.open_db` (or let the CLI do it).
"""

from ._version import __version__

__all__ = ["__version__"]
