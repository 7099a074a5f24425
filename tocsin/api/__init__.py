# Copyright 2026 The tocsin authors. Licensed under the Apache License 2.0.
"""tocsin's HTTP side: the REST API and the dashboard (``create_app``), served by ``tocsin serve``."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
