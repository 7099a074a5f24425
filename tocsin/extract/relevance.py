"""The cheap relevance filter: which sentences are worth a parse.

A sentence is parsed when it contains a STRONG trigger stem, or a WEAK one together with a
political-actor hint: a sector word ("police", "minister", "protesters") or a country name or
demonym. Everything else (most of a sports or business article) costs one or two regex scans.
Calibrated on the bundled samples: the ordinary-news articles keep about one sentence in
ten, the unrest articles nearly all (``make bench`` prints the figures).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .actors import ARMED_GROUPS, SECTOR_WORDS
from .lexicon import STRONG, WEAK

__all__ = ["is_candidate"]


def is_candidate(sentence: str) -> bool:
    """Whether ``sentence`` may state an event."""
    strong, weak = _lower_case()
    lower = sentence.lower()
    if strong.search(lower):
        return True
    return weak.search(lower) is not None and _hint().search(sentence) is not None


@lru_cache(maxsize=1)
def _lower_case() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``lexicon.STRONG`` and ``WEAK`` without IGNORECASE, for lower-cased text: the same
    answers (their literals are lower-case), six times faster on long alternations."""
    return re.compile(STRONG.pattern), re.compile(WEAK.pattern)


@lru_cache(maxsize=1)
def _hint() -> re.Pattern[str]:
    words = {w for w in SECTOR_WORDS if len(w) > 2}
    words |= {
        "authorities",
        "officials",
        "forces",
        "rebels",
        "militants",
        "protesters",
        "activists",
        # a crowd by its size ("thousands marched in Nairobi")
        "thousands",
        "hundreds",
        "dozens",
        "crowd",
    }
    names: set[str] = set()
    data = resources.files("tocsin") / "data"
    for filename in ("demonyms.tsv", "country_names.tsv"):
        for line in (data / filename).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            forms = (f.strip().lstrip("~") for f in line.split("\t", 1)[1].split(","))
            names.update(f for f in forms if len(f) > 2)
    import pycountry  # noqa: PLC0415 - only once, to list country names

    for country in pycountry.countries:
        names.add(country.name)
        names.update(n for n in (getattr(country, "common_name", None),) if n)
    # armed groups by name ("the Taliban", "Houthis"); their acronyms only in capitals ("the RSF")
    words |= {g for g in ARMED_GROUPS if len(g) > 4}
    acronyms = "|".join(sorted((re.escape(g.upper()) for g in ARMED_GROUPS if len(g) <= 4), key=len, reverse=True))
    lower = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    proper = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    # two-letter abbreviations of states and IGOs ("the US", "U.N. officials"), kept apart from
    # the names above (which need three letters): case-sensitive, any punctuation after them
    short = rf"U\.?S\.?|U\.?N\.?|U\.?K\.?|EU|UAE|NATO|{acronyms}"
    return re.compile(rf"\b(?:(?i:{lower})s?|(?:{proper})(?:s|'s|’s)?)\b|\b(?:{short})(?!\w)")
