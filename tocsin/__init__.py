"""tocsin: open political-unrest event monitor.

The pipeline, in order (see ``tocsin.pipeline.DEFAULT_STAGES``)::

    ingest/   files, folders, stdin            -> Article(raw)
    clean/    promo-line removal, damage flags -> Article(text, offsets, flags)
    nlp/      spaCy sentences, entities        -> Article(sentences, mentions)
    extract/  triggers, actors, counts, places -> Article(events)
    store/    SQLAlchemy (SQLite, PostgreSQL)  -> tocsin.db
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
