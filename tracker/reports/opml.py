"""Feeds as an OPML 2.0 file, the format every feed reader imports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

__all__ = ["write_opml"]


def write_opml(feeds: list[dict[str, Any]], generated_at: str) -> str:
    """An OPML document of the feed objects: one outline each, with tracker's every and trust as extra attributes."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "tracker feeds"
    ET.SubElement(head, "dateCreated").text = generated_at
    body = ET.SubElement(root, "body")
    for f in feeds:
        ET.SubElement(
            body, "outline", type="rss", text=f["name"], title=f["name"], xmlUrl=f["url"],
            language=f["language"], every=f["every"], trust=f["trust"],
        )  # fmt: skip
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
