"""The "geo" and "event-location" eval runners on tiny hand-made corpora in each layout."""

import json

import pytest

from tocsin.errors import EvalError
from tocsin.eval import evaluate
from tocsin.eval.geo import haversine_km, read_corpus

GWN = """<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><text>Protesters marched in Nairobi, Kenya on Monday.</text>
<toponyms>
<toponym><extractedName>Nairobi</extractedName><type>Literal</type><start>21</start><end>28</end>
<latitude>-1.28333</latitude><longitude>36.81667</longitude></toponym>
<toponym><extractedName>Kenya</extractedName><type>Literal</type><start>30</start><end>35</end>
<latitude>1.0</latitude><longitude>38.0</longitude></toponym>
<toponym><extractedName>Monday</extractedName><type>Non_Toponym</type><start>39</start><end>45</end></toponym>
</toponyms></article></articles>"""

# GeoVirus offsets are one character late; the reader realigns them on the name.
GEOVIRUS = """<articles><article><source>x</source><text>An outbreak hit Lima in Peru.</text>
<locations><location><name>Lima</name><start>17</start><end>21</end><lat>-12.04</lat><lon>-77.03</lon>
<page>p</page></location></locations></article></articles>"""

# LGL and TR-News: the surface name in <phrase>, the GeoNames entry and its point in <gaztag>; a
# demonym counts as its country; a name the annotators left unresolved has no <gaztag>.
LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><title>t</title><url>u</url>
<text><![CDATA[Kenyan police dispersed a march in Kisumu. Mr Otieno said Wanjiku Road was closed.]]></text>
<toponyms>
<toponym><phrase>Kenyan</phrase><start>0</start><end>6</end>
<gaztag geonameid="192950"><name>Kenya</name><fclass>A</fclass><fcode>PCLI</fcode><lat>1</lat><lon>38</lon>
<country geonameid="192950">Kenya</country></gaztag></toponym>
<toponym><phrase>Kisumu</phrase><start>35</start><end>41</end>
<gaztag geonameid="191245"><name>Kisumu</name><fclass>P</fclass><fcode>PPLA</fcode><lat>-0.10221</lat>
<lon>34.76171</lon><country geonameid="192950">Kenya</country><admin1>Kisumu</admin1></gaztag></toponym>
<toponym><phrase>Wanjiku Road</phrase><start>58</start><end>70</end></toponym>
</toponyms></article></articles>"""


def test_eval_geo_reads_both_layouts(tmp_path):
    (tmp_path / "GWN.xml").write_text(GWN, encoding="utf-8")
    (tmp_path / "gv.xml").write_text(GEOVIRUS, encoding="utf-8")
    (gwn,) = read_corpus(tmp_path / "GWN.xml")
    assert [t.text for t in gwn.toponyms] == ["Nairobi", "Kenya"]
    (gv,) = read_corpus(tmp_path / "gv.xml")
    assert [t.text for t in gv.toponyms] == ["Lima"]


def test_eval_geo_reads_the_lgl_layout(tmp_path):
    (tmp_path / "Corpora").mkdir()
    (tmp_path / "Corpora" / "lgl.xml").write_text(LGL, encoding="utf-8")
    (article,) = read_corpus(tmp_path)  # a folder holding Corpora/lgl.xml
    assert [(t.text, t.lat, t.lon) for t in article.toponyms] == [("Kenyan", 1.0, 38.0), ("Kisumu", -0.10221, 34.76171)]
    result = evaluate("geo", tmp_path / "Corpora" / "lgl.xml")
    assert result.n == 2
    assert result.metrics["acc161_gold_spans"] == 1.0  # the demonym read as Kenya, Kisumu as the town
    assert result.metrics["acc161"] == 1.0


def test_eval_geo_names_the_files_it_looks_for(tmp_path):
    with pytest.raises(EvalError, match=r"GWN\.xml, GeoVirus\.xml, lgl\.xml, TR-News\.xml"):
        read_corpus(tmp_path)


@pytest.mark.parametrize("name", ["GWN.xml", "gv.xml"])
def test_eval_geo_scores(tmp_path, name):
    (tmp_path / name).write_text(GWN if name == "GWN.xml" else GEOVIRUS, encoding="utf-8")
    result = evaluate("geo", tmp_path / name)
    assert set(result.metrics) == {"acc161", "acc161_gold_spans", "country_accuracy", "median_error_km"}
    assert result.metrics["acc161_gold_spans"] == 1.0


def test_eval_geo_haversine():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)


def test_eval_event_location(tmp_path):
    def record(text, verb, locations):
        spans = [{"start": text.index(verb), "end": text.index(verb) + len(verb), "label": "VERB"}]
        spans += [{"start": text.index(x), "end": text.index(x) + len(x), "label": "LOCATION"} for x in locations]
        return json.dumps({"text": text, "spans": spans})

    lines = [
        record("Police fired tear gas at protesters in Nairobi on Monday.", "fired", ["Nairobi"]),
        record("Gunmen attacked a police post in Peshawar, officials said.", "attacked", ["Peshawar"]),
        record("The minister said talks would resume soon.", "said", []),
    ]
    path = tmp_path / "labeled_text.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate("event-location", path)
    assert result.n == 3
    assert result.metrics["accuracy"] == 1.0


def test_eval_event_location_splits_by_annotator(tmp_path):
    # research assistants' records ("annotator": "RA", sources *_RA) are scored apart from the others
    text = "Police fired tear gas at protesters in Nairobi on Monday."
    verb = {"start": text.index("fired"), "end": text.index("fired") + 5, "label": "VERB"}
    place = {"start": text.index("Nairobi"), "end": text.index("Nairobi") + 7, "label": "LOCATION"}
    lines = [
        json.dumps({"text": text, "spans": [verb, place], "source": "AP"}),
        json.dumps({"text": text, "spans": [verb], "source": "APW_RA", "annotator": "RA"}),  # a miss
    ]
    path = tmp_path / "labeled_text.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate("event-location", path)
    assert result.metrics["accuracy_non_ra"] == 1.0
    assert result.metrics["accuracy_ra"] == 0.0
    assert result.metrics["accuracy"] == 0.5


def test_eval_event_location_keeps_accepted_records_only(tmp_path):
    # Prodigy's "reject" and "ignore" answers mark tasks the annotator did not label: not scored
    text = "Strikers blocked the port in Mombasa on Tuesday."
    verb = {"start": text.index("blocked"), "end": text.index("blocked") + 7, "label": "VERB"}
    place = {"start": text.index("Mombasa"), "end": text.index("Mombasa") + 7, "label": "LOCATION"}
    lines = [
        json.dumps({"text": text, "spans": [verb], "answer": "reject"}),  # would count as a wrong place
        json.dumps({"text": text, "spans": [verb], "answer": "ignore"}),
        json.dumps({"text": text, "spans": [verb, place], "answer": "accept"}),
    ]
    path = tmp_path / "labeled_text.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate("event-location", path)
    assert result.n == 1
    assert result.metrics["accuracy"] == 1.0
