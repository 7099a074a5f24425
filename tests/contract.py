"""The JSON contract of issue #2, pinned independently of the code that produces it."""

EVENT_KEYS = frozenset({
    "id", "plover_type", "plover_mode", "acled_type", "acled_subtype", "sources", "targets", "place", "date",
    "date_precision", "killed", "injured", "arrested", "crowd_size", "context", "confidence", "evidence",
})  # fmt: skip
ACTOR_KEYS = frozenset({"text", "country", "sector"})
PLACE_KEYS = frozenset({"name", "country", "admin1", "lat", "lon", "precision"})
EVIDENCE_KEYS = frozenset({"sentence", "start", "end", "trigger"})
