from __future__ import annotations

import pytest

from tocsin.clean.damage import DamageStage, damage_reasons, is_damaged
from tocsin.config import Settings
from tocsin.models import Article, Sentence

DAMAGED = [
    ("’s prime minister has sacked the army chief.", "possessive"),
    ("'s foreign ministry summoned the ambassador.", "possessive"),
    ("Officials at ’s interior ministry declined to comment.", "possessive"),
    ("Although the ministers quit, President stays in the palace.", "title"),
    ("President remains in office.", "title"),
    ("Prime Minister said the curfew would stay in place.", "title"),
    ("On Monday, Interior Minister told reporters the roads were open.", "title"),
    ("The unions said that President had ignored them.", "title"),
    ("Foreign Minister has called the protests a foreign plot.", "title"),
    ("The rally () drew thousands.", "brackets"),
    ("Police detained the activist ( ) late on Tuesday.", "brackets"),
    ("She dismissed her deputy, (a former army officer), from the board.", "paren"),
    ("The leader of , who was arrested on Sunday, is on hunger strike.", "space"),
    ("Supporters of  , the jailed activist, gathered outside the court.", "space"),
    ("The statement was issued by . Nobody else commented.", "space"),
    (", the opposition leader, said the vote was rigged.", "comma"),
    ("; meanwhile troops were deployed.", "comma"),
]

CLEAN = [
    "The President said on Monday that talks would resume.",
    "President Tokayev said the unrest was over.",
    "President Tokayev remains in office.",
    "Kenyan President William Ruto said police would be deployed.",
    "Until 2019 it was run by President Nursultan Nazarbayev, whose rule was long.",
    "Russia’s President said nothing about the protests.",
    "the country’s Prime Minister said the curfew would stay.",
    "He was elected President in 2019 and re-elected in 2022.",
    "She became Prime Minister last year after the coalition collapsed.",
    "The President of Serbia addressed the nation.",
    "President and CEO Ana Lima resigned on Friday.",
    "The Secretary of State called for calm.",
    "Stephen King said he supported the strike.",
    "General strikes shut the ports.",
    "Prices rose by 3.5 percent in March.",
    "He paused ... then continued.",
    "Nazarbayev’s whereabouts are unknown.",
    "The union's leaders met the minister.",
    "It's unclear who gave the order.",
    "Fighters loyal to the Emir 's brother crossed the border.",  # detokenised, not damage
    "The strike (the third this year) closed schools.",
    "President vows calm as protests spread",  # a headline: no final punctuation
    "“We will not leave,” one protester said.",
]


@pytest.mark.parametrize(("text", "kind"), DAMAGED)
def test_clean_damage_pattern_is_flagged(text, kind):
    reasons = damage_reasons(text)
    assert reasons, text
    expected = {
        "possessive": "possessive_fragment",
        "title": "title_without_name",
        "brackets": "empty_brackets",
        "paren": "missing_name_before_parenthesis",
        "space": "space_before_punctuation",
        "comma": "leading_punctuation",
    }[kind]
    assert expected in reasons


@pytest.mark.parametrize("text", CLEAN)
def test_clean_damage_ordinary_sentence_is_not_flagged(text):
    assert damage_reasons(text) == []


def make_article(texts: list[str]) -> Article:
    sentences, pos = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence(index=i, start=pos, end=pos + len(text), text=text))
        pos += len(text) + 1
    return Article(raw=" ".join(texts), text=" ".join(texts), sentences=sentences)


def test_clean_damage_stage_flags_sentences_and_article():
    stage = DamageStage(Settings(progress=False))
    article = make_article(
        [
            "President Tokayev said the unrest was over.",
            "Although the ministers quit, President remains in office.",
            "Police detained dozens.",
        ]
    )
    article = stage(article)
    assert [s.flags for s in article.sentences] == [[], ["damaged"], []]
    assert article.flags == ["damaged"]
    article = stage(article)  # idempotent
    assert article.flags == ["damaged"]
    assert article.sentences[1].flags == ["damaged"]


def test_clean_damage_stage_clean_article_not_flagged():
    article = DamageStage(Settings())(make_article(CLEAN[:3]))
    assert article.flags == []
    assert all(not s.flags for s in article.sentences)


def test_clean_damage_stage_contract():
    stage = DamageStage(Settings())
    assert stage.name == "tocsin.damage.v1"
    assert stage.requires == ("article.sentences",)
    assert set(stage.produces) == {"article.flags", "sentence.flags"}
    assert is_damaged("’s leader has fled the capital.")
