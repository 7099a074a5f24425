"""tocsin.geocode: offline country and toponym resolution.

::

    from tocsin.geocode import get_gazetteer

    gaz = get_gazetteer()            # built once (about 15 s), then cached on disk
    gaz.country("Kazakhstani")       # 'KAZ'
    gaz.country("the Kremlin")       # 'RUS'
    gaz.resolve("Almaty")            # Place('Almaty', 'KAZ', ..., precision=1)
    gaz.resolve("Georgia", ["USA"])  # the US state
    gaz.country_centroid("KAZ")      # Kazakhstan at Astana, precision 3
"""

from __future__ import annotations

from .gazetteer import Gazetteer, default_index_path, get_gazetteer

__all__ = ["Gazetteer", "default_index_path", "get_gazetteer"]
