"""English cues over a whole sentence or clause (background, expected, negation, hypothetical, proposal, intent),
the words that change later triggers' roles, and the outlets a story is attributed to. Part of the English lexicon
(tracker.extract.lexicon_en re-exports them), kept apart for size.

Pure data.
"""

from __future__ import annotations

__all__ = ["CUES", "MODIFIERS", "OUTLETS", "REWRITE"]

# Words that change the role of later triggers: the other side invited (应约 in English).
MODIFIERS: tuple[tuple[str, str], ...] = ((r"at the invitation of|at (?:\w+ )?request|invited by", "invited"),)

CUES: dict[str, str] = {
    "background": r"\b(?:since|has been|have been|had been|already|last met|previously|in the past|a year after"
    r"|first (?:\w+ ){0,8}?since|earlier this (?:year|month)|last year"
    # "The statement came a day after the Pentagon said …": what the news follows is older than it
    r"|came (?:\w+ ){0,3}?after)\b",
    # (not "Earlier in the day", "Earlier on Wednesday": the same day as the news)
    "background_start": r"^(?:previously|earlier(?! (?:in the day|that day|today|on \w+day|this (?:morning|afternoon)))"
    r"|last year|in \d{4})\b",
    "expected_start": r"^(?:this|it|that) will be\b",
    "planned": r"\b(?:had been|was|were) (?:planned|scheduled|due)\b",
    "expected": r"\b(?:will|is expected to|are expected to|expected to|plans? to|planned|planning to|is set to"
    r"|are set to|is due to|are due to|scheduled to|to be held|upcoming|next (?:week|month)|would travel)\b",
    "negation": r"\b(?:not|no|never|without|neither|nor|cannot)\b|n't\b",
    # ("China is willing to resume the talks": a readiness, no resumption)
    "hypothetical": r"\b(?:would|could|might|if|unless|whether|should|unlikely|would have been"
    r"|(?:is|was|are|were|remains?|stands?) (?:\w+ )?(?:willing|ready|prepared) to)\b",
    "proposal": r"\b(?:efforts? to|sought to|seeking to|seeks to|hoped to|hopes to|wants? to|wanted to|tried to"
    r"|weighs|weighing|mulls|mulling|considering|(?:a |an )?(?:possible|potential|prospective|proposed)"
    r"|desire (?:\w+ ){0,12}?to"
    r"|invitation (?:\w+ ){0,6}?to|request (?:\w+ ){0,6}?to|offer(?:ed)? to)\b",
    "intent": r"\b(?:agree[sd]? (?:on |to )?(?:resume|restore|hold|meet|reopen)|agreed (?:\w+ ){0,3}?to|committed to|decided (?:\w+ ){0,3}?to)\b",
}

# News outlets a sentence can attribute its story to; the first name is the one reported.
OUTLETS: tuple[tuple[str, ...], ...] = (
    ("Reuters",), ("Associated Press", "AP"), ("Agence France-Presse", "AFP"), ("Bloomberg",),
    ("Xinhua",), ("CNN",), ("The New York Times", "New York Times", "NYT"), ("The Wall Street Journal",
    "Wall Street Journal", "WSJ"), ("Financial Times", "FT"), ("Kyodo",), ("South China Morning Post", "SCMP"),
    ("Global Times",), ("The Washington Post", "Washington Post"), ("Politico",), ("Axios",), ("BBC",),
    ("Deutsche Welle", "DW"), ("Nikkei",), ("CCTV",), ("Yonhap",),
)  # fmt: skip
REWRITE = r"(?:according to (?:a |an )?(?:report (?:by|from|in) )?(?:the )?(?P<o1>{o})|(?P<o2>{o}) (?:reported|reports|has reported|said in a report|first reported))\b"
