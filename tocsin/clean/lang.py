"""Language identification (py3langid) on the clean text: ``Article.language``.

An article in a language outside the ``languages`` setting keeps its language and clean text
but is not extracted: the stage flags it ``skipped:language:<code>`` and raises
``SkipArticle('language:<code>')``, so the runner records the skip and ``tocsin ingest`` stores
the article without events (``tocsin.batch``).

Short texts are identified unreliably, so a verdict needs at least ``_MIN_LETTERS`` letters and
probability ``_MIN_PROBABILITY``; below either the language is left unset (or, when the best
guess is an allowed language, set) and the article goes on to extraction.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from tocsin.errors import SkipArticle
from tocsin.pipeline import register_stage

if TYPE_CHECKING:
    from tocsin.config import Settings
    from tocsin.models import Article

__all__ = ["LanguageStage", "identify"]

# Calibrated by hand on tocsin/data/samples and one-line test sentences: py3langid is right on
# every sample of 200+ letters, and mislabels some English one-liners (under ~40 letters).
_MIN_LETTERS = 40
_MIN_PROBABILITY = 0.9
# Identification reads this much of the text: more adds time, not accuracy.
_MAX_CHARS = 1_000  # the first paragraphs decide; py3langid costs about 1 µs a character


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415 - loads a model

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of ``text``'s language and its probability (None for too little text)."""
    sample = text[:_MAX_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < _MIN_LETTERS:
        return None, 0.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


@register_stage("tocsin.lang.v1")
class LanguageStage:
    """Article.text -> Article.language; articles in other languages are skipped."""

    name: str = "tocsin.lang.v1"
    requires: tuple[str, ...] = ("article.text",)
    produces: tuple[str, ...] = ("article.language",)

    def __init__(self, settings: Settings) -> None:
        self.languages = frozenset(c.strip().lower() for c in settings.languages.split(",") if c.strip())

    def warm(self) -> None:
        """Load the language model now (before the pipeline forks its workers)."""
        _identifier()

    def __call__(self, article: Article) -> Article:
        code, probability = identify(article.text)
        if code is None:
            return article
        if code in self.languages or not self.languages:
            article.language = code
            return article
        if probability < _MIN_PROBABILITY:
            return article
        article.language = code
        flag = f"skipped:language:{code}"
        if flag not in article.flags:
            article.flags.append(flag)
        raise SkipArticle(f"language:{code}", f"not in setting 'languages' ({', '.join(sorted(self.languages))})")
