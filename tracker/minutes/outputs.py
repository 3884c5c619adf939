"""One frozen version of the minutes, in the format asked for (CLI and web alike)."""

from __future__ import annotations

from typing import Any

from tracker.minutes.finalize import in_language
from tracker.minutes.markdown import minutes_markdown

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown",
}


def record_for(found: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """The version's record, with another language's labels if asked."""
    record = found["record"]
    if lang and lang != record.get("language", "id"):
        return in_language(record, lang)
    return record


def markdown(found: dict[str, Any], lang: str | None) -> bytes:
    """In the minutes' own language: exactly the text that was synced (so an
    archived copy matches it byte for byte); in another: rendered anew."""
    if not lang or lang == found["record"].get("language", "id"):
        return found["markdown"].encode("utf-8")
    return minutes_markdown(record_for(found, lang)).encode("utf-8")


def render(found: dict[str, Any], fmt: str, lang: str | None) -> bytes:
    """PDF, DOCX or Markdown, in this process (the CLI; the web keeps PDFs in a child)."""
    if fmt == "md":
        return markdown(found, lang)
    if fmt == "docx":
        from tracker.minutes.docx import minutes_docx

        return minutes_docx(record_for(found, lang))
    if fmt == "pdf":
        from tracker.minutes.pdf import minutes_pdf

        return minutes_pdf(record_for(found, lang))
    raise ValueError(f"unknown format {fmt!r}")


def filename(slug: str, found: dict[str, Any], fmt: str, lang: str | None) -> str:
    suffix = f"-v{found['version']}" + ("-en" if lang == "en" else "")
    return f"notulen-{slug}{suffix}.{fmt}"
