"""The store: one SQLite file (``db``) and the questions asked of it (``query``)."""

from sq_nlp.store.db import DEFAULT_DB, SCHEMA_VERSION, Store, open_store

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "open_store"]
