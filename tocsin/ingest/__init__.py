"""tocsin.ingest."""
