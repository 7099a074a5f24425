# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""The event store: ``open_store(url)`` gives an ``EventStore`` over SQLite or PostgreSQL."""

from __future__ import annotations

from .base import EventStore, open_store

__all__ = ["EventStore", "open_store"]
