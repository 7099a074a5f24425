"""Extra ``tocsin`` subcommands, one module each; ``cli.py`` imports every module here.

A module defines ``register(main: click.Group) -> None`` and adds its commands there, so
features (watch, eval, serve, export, places) land without editing ``cli.py``.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

__all__ = ["register_all"]


def register_all(main: click.Group) -> None:
    """Import every module of this package and let it add its commands to ``main``."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(main)
