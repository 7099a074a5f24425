from __future__ import annotations

from tocsin.nlp.parse import load_nlp


def test_parse_every_layer_multiplies_with_numpy_not_blis():
    # cython-blis was 4x slower than numpy's OpenBLAS here (tocsin.nlp.parse.load_nlp); the
    # parser's and NER's output layers kept BLIS when the model was only loaded under use_ops
    nlp = load_nlp()
    models = [getattr(pipe, "model", None) for _, pipe in nlp.pipeline]
    layers = [layer for model in models if model is not None for layer in model.walk()]
    assert layers
    assert not [layer.name for layer in layers if getattr(layer.ops, "use_blis", False)]
    doc = nlp("Police fired tear gas at protesters in Almaty on Wednesday.")
    assert [t.dep_ for t in doc if t.lower_ in {"police", "fired"}] == ["nsubj", "ROOT"]
