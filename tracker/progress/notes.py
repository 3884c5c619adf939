"""Render what people type (progress notes) as Markdown, safely.

The `js-default` preset turns raw HTML off, and markdown-it refuses
`javascript:` and similar links; no attribute plugins are enabled. An image
(`![photo](https://...)`) is shown as a link to it: the pages load nothing
from other sites (their content security policy), and a note must not make
readers' browsers fetch from an address its writer chose.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml as escape_html

_md = MarkdownIt("js-default", {"linkify": False, "typographer": False})


def _image_as_link(self, tokens, idx, options, env) -> str:  # noqa: ANN001 - markdown-it's signature
    """An image token as a link to the image, its alt text as the link's words."""
    token = tokens[idx]
    src = escape_html(token.attrGet("src") or "")
    words = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{src}">{escape_html(words)}</a>'


_md.add_render_rule("image", _image_as_link)


@lru_cache(maxsize=512)  # notes repeat on a page, rarely across pages
def render_note(text: str) -> str:
    return _md.render(text or "")
