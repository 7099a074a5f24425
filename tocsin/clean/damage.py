"""Flag sentences that lost text in scraping (usually a link's anchor text: a name).

Scrapers that drop ``<a>`` elements leave tell-tale holes. ``DamageStage`` adds ``damaged`` to
``Sentence.flags`` (and once to ``Article.flags``) when a sentence:

1. has a possessive fragment at its start or after a word that cannot own anything:
   "’s president has removed ...", "a letter to ’s foreign minister";
2. starts with a comma, semicolon or colon: ", the opposition leader, said ...";
3. has empty brackets: "()" , "( )", "[]";
4. has a space before a comma or full stop inside the sentence: "the leader , who ...";
5. has a role title standing where a name was expected, i.e. a capitalised title at the start
   of a clause, with no determiner, followed directly by a lowercase word that is not a
   preposition or conjunction: "President remains in office", "..., Prime Minister said".
   "The President said", "President Tokayev said", "President of France" and
   "elected President in 2019" are grammatical and not flagged, nor are headlines (no final
   punctuation), which drop names and articles by convention;
6. has a comma followed by a parenthesis opening with an article where the name should
   be: "his predecessor, (a Soviet era boss), ...".

Events whose evidence is a damaged sentence get the ``damaged`` context flag downstream.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tocsin.pipeline import register_stage

if TYPE_CHECKING:
    from tocsin.config import Settings
    from tocsin.models import Article

__all__ = ["DamageStage", "damage_reasons", "is_damaged"]

_DAMAGED = "damaged"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "’s president ..." at the start, or after a word that cannot own anything ("to ’s
    # ministry"); "bin Laden 's fighters" is detokenised text, not damage
    (
        "possessive_fragment",
        re.compile(
            r"^\W{0,3}[’']s\s+\w|(?:[(,;:\"“]\s*|\b(?:to|of|in|by|from|with|at|for|and|or|the"
            r"|a|an|said|says|that|on)\s+)[’']s\s+\w"
        ),
    ),
    ("leading_punctuation", re.compile(r"^\s*[,;:]")),
    ("empty_brackets", re.compile(r"\(\s*\)|\[\s*\]")),
    # a space before "," or ";" or before a "." that is no ellipsis or decimal
    ("space_before_punctuation", re.compile(r"(?<=[\w”’\"')])[ \t]+(?:[,;]|\.(?![.\d]))(?=\s|$)")),
    ("missing_name_before_parenthesis", re.compile(r",\s*\((?:a|an|the)\s")),
)

# Titles that precede a name. Words that are also common surnames or nouns ("King",
# "General", "Justice", "Judge") are left out: "Stephen King said" is not damage.
_TITLE = re.compile(
    r"\b(?:President|Minister|Premier|Chancellor|Governor|Mayor|Senator|Ambassador"
    r"|Spokesman|Spokeswoman|Spokesperson|Chairman|Chairwoman|Secretary)"
    r"\s+([a-z][\w’'-]*)"
)
# Lowercase words that may follow a title legitimately: "President of France", "Minister for
# Health", "President and CEO", "Secretary who ...".
_TITLE_FOLLOWERS = _words(
    "of for and or in on at to with from by until since after before during between among "
    "who whose whom which that than as emeritus elect designate general nor but"
)
# Capitalised words before a title that make it grammatical without a name: "The President
# said", "His Prime Minister". (After a lowercase word, only a clause opener is damage:
# "elected President last year" is fine.)
_DETERMINERS = _words("the a an his her its their our my your this that these those whose")
# Words that open a clause: a title right after them stands where a name was expected.
_CLAUSE_OPENERS = _words(
    "and but while when whereas although though because since that after before if then so yet meanwhile however also"
)
_FINAL_PUNCTUATION = re.compile(r"[.!?…][\"'’”)\]]*\s*$")
_CAPITALISED = re.compile(r"[A-Z][\w.’'-]*")


def damage_reasons(text: str) -> list[str]:
    """Why ``text`` (one sentence) looks damaged; empty when it does not."""
    reasons = [name for name, pattern in _PATTERNS if pattern.search(text)]
    # headlines drop names and articles by convention ("President vows calm"): only
    # sentences with final punctuation are checked
    headline = not _FINAL_PUNCTUATION.search(text)
    if not headline and any(_title_without_name(text, m) for m in _TITLE.finditer(text)):
        reasons.append("title_without_name")
    return reasons


def is_damaged(text: str) -> bool:
    """Whether one sentence looks damaged (see the module docstring)."""
    return bool(damage_reasons(text))


def _title_without_name(text: str, match: re.Match[str]) -> bool:
    if match.group(1).lower() in _TITLE_FOLLOWERS:
        return False
    # walk back over the capitalised words of the title ("Deputy Prime Minister")
    words = text[: match.start()].split()
    while words and _CAPITALISED.fullmatch(words[-1]):
        word = words.pop()
        if word.lower() in _DETERMINERS or word.endswith(("’s", "'s", "s’", "s'")):
            return False  # "The President", "Russia’s President"
    if not words:
        return True  # the sentence starts with the title
    prev = words[-1]
    if prev[-1] in ",;:(—–":
        return True
    return prev.lower() in _CLAUSE_OPENERS


@register_stage("tocsin.damage.v1")
class DamageStage:
    """Flags sentences (and their article) that lost text in scraping."""

    name: str = "tocsin.damage.v1"
    requires: tuple[str, ...] = ("article.sentences",)
    produces: tuple[str, ...] = ("article.flags", "sentence.flags")

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        damaged = False
        for sentence in article.sentences:
            if is_damaged(sentence.text):
                damaged = True
                if _DAMAGED not in sentence.flags:
                    sentence.flags.append(_DAMAGED)
        if damaged and _DAMAGED not in article.flags:
            article.flags.append(_DAMAGED)
        return article
