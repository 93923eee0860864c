"""Document text to a release: site chrome removed, metadata read. PLACEHOLDER for the ingestion issue."""

from __future__ import annotations

from pipelines.extract.records import ParsedRelease, Rejected


def parse_release(text: str, source_path: str = "") -> ParsedRelease:
    """The release in one document's text; raises Rejected when no article text is left."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    if not paragraphs:
        raise Rejected("no article text after removing site chrome")
    return ParsedRelease(body="\n\n".join(paragraphs), kind="news", title=paragraphs[0])
