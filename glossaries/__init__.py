"""Package data: the shipped Chinese-English UN glossary (``un-zh-en.toml``).

See :mod:`untm.termbase.glossary` for the format and the integrity rules.
"""
