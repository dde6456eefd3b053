"""The translation memory: storage, TMX interchange, fuzzy lookup, concordance."""
