"""Render what people type (progress notes) as Markdown, safely.

The `js-default` preset turns raw HTML off, and markdown-it refuses
`javascript:` and similar links; no attribute plugins are enabled.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt

_md = MarkdownIt("js-default", {"linkify": False, "typographer": False})


@lru_cache(maxsize=512)  # notes repeat on a page, rarely across pages
def render_note(text: str) -> str:
    return _md.render(text or "")
