"""The untm version; recorded in the database and in every JSON result."""

__version__ = "0.1.0"
