"""scripts/train.py: the design matrix the shipped linear models are fitted on."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def train():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("tocsin_train_script", ROOT / "scripts" / "train.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _toy() -> tuple[list[tuple[list[str], np.ndarray]], list[str]]:
    empty = np.zeros(0, dtype=np.float32)
    rows = [
        (["tear", "gas", "cue=dispersal"], "PROTEST_WITH_INTER"),
        (["water", "cannon", "cue=dispersal"], "PROTEST_WITH_INTER"),
        (["live", "fire", "cue=lethal", "cue=dispersal"], "FORCE_AGAINST_PROTEST"),
        (["shot", "dead", "cue=lethal"], "FORCE_AGAINST_PROTEST"),
        (["marched", "peacefully"], "PEACE_PROTEST"),
        (["rally", "held"], "PEACE_PROTEST"),
    ]
    return [(feats, empty) for feats, _ in rows], [label for _, label in rows]


def test_block_scale_is_folded_into_the_shipped_weights(train) -> None:  # type: ignore[no-untyped-def]
    """A scaled block is fitted on scaled values; the shipped model, which reads binary
    features, must give the same probabilities as the fitted regression."""
    data, labels = _toy()
    blocks = {"cue=": 3.0}
    model = train.fit(data, labels, c=2.0, blocks=blocks)
    vocab, matrix, _, scales = train._design(data, blocks)
    assert scales[vocab["cue=lethal"]] == 3.0
    assert scales[vocab["tear"]] == 1.0
    reference = LogisticRegression(C=2.0, max_iter=3000, class_weight="balanced").fit(matrix, labels)
    for (feats, dense), expected in zip(data, reference.predict_proba(matrix), strict=True):
        assert np.allclose(model.scores(feats, dense=dense), expected, atol=1e-3)


def test_block_scale_weakens_the_prior_of_its_block(train) -> None:  # type: ignore[no-untyped-def]
    """Under one L2 penalty a scaled block can carry more weight: a text with only the cue
    leans further to the cue's label."""
    data, labels = _toy()
    plain = train.fit(data, labels, c=2.0)
    scaled = train.fit(data, labels, c=2.0, blocks={"cue=": 3.0})
    label = "FORCE_AGAINST_PROTEST"
    plain_prob, scaled_prob = (m.scores(["cue=lethal"])[m.labels.index(label)] for m in (plain, scaled))
    assert scaled_prob > plain_prob


def test_boost_multiplies_one_label_odds(train) -> None:  # type: ignore[no-untyped-def]
    """The NONE prior calibrated after the fit: one label's odds against every other label grow
    by the factor, the others' ratios are kept, and a factor of 1 changes nothing."""
    data, labels = _toy()
    model = train.fit(data, labels, c=2.0)
    boosted = train.boost(model, "PEACE_PROTEST", 2.0)
    before, after = model.scores(["tear", "gas"]), boosted.scores(["tear", "gas"])
    peace, force, inter = (
        model.labels.index(x) for x in ("PEACE_PROTEST", "FORCE_AGAINST_PROTEST", "PROTEST_WITH_INTER")
    )
    assert after[peace] / after[force] == pytest.approx(2.0 * before[peace] / before[force], rel=1e-4)
    assert after[inter] / after[force] == pytest.approx(before[inter] / before[force], rel=1e-4)
    assert train.boost(model, "PEACE_PROTEST", 1.0) is model


@pytest.mark.parametrize("blocks", ["ACLED_BLOCKS", "PLOVER_BLOCKS"])
def test_scaled_blocks_name_features_the_models_are_given(train, blocks) -> None:  # type: ignore[no-untyped-def]
    """Each scaled prefix must start some feature the featurizer writes, or its scale would
    silently do nothing (a renamed feature)."""
    from tocsin.extract.acled import codebook_cues  # noqa: PLC0415
    from tocsin.extract.classifier import event_features, text_features  # noqa: PLC0415
    from tocsin.models import Event, Evidence, Span  # noqa: PLC0415

    sentence = "Police opened fire on protesters in the capital, killing three."
    event = Event(
        plover_type="ASSAULT",
        plover_mode="firearms",
        acled_type="Protests",
        acled_subtype="FORCE_AGAINST_PROTEST",
        evidence=Evidence("a", 0, Span(0, len(sentence), sentence), Span(7, 17, "opened fire")),
    )
    features = text_features(sentence) + codebook_cues(sentence) + event_features([event])
    for prefix in getattr(train, blocks):
        assert any(f.startswith(prefix) for f in features), (prefix, features)
