"""Extraction: report text in, candidate facts out, each with the sentence that supports it (issue 10).

Pure and explainable, in the spirit of the PETRARCH dictionary coders but bilingual and aware of offices
over time: no store, no network, no clock. `tracker.extract.pipeline.extract` is the entry point.
"""

# Raised when the rules change what they propose: candidates carry it, so a reviewer can tell which rules made them.
EXTRACTOR_VERSION = "3"
