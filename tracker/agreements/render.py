"""Render an agreement's Markdown to HTML for the web, with room for live status.

The rendered HTML depends only on the file's text, so it is cached by content
hash. Each action's field list is replaced by a marker comment that the web
layer fills with the action's live status, owners and due date per request.
Raw HTML in the Markdown is off: it is shown as text, never executed, which
also means no text in a file can forge a marker.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from tracker.agreements.format import ACTION_ID_RE, HEADING_SLUG_RE, slugify

MARKER = "<!--action:{code}-->"
MARKER_RE = re.compile(r"<!--action:([A-Z0-9-]+)-->")

_md = (
    MarkdownIt("commonmark", {"html": False})
    .use(front_matter_plugin)
    .use(tasklists_plugin)
    .enable("table")
)


@lru_cache(maxsize=32)  # a rendered 100-action document is ~60 KB
def render_document(text: str, action_url_prefix: str) -> str:
    """HTML of a document body; `action_url_prefix` + ID links each action."""
    tokens = _md.parse(text)
    tokens = [t for t in tokens if t.type != "front_matter"]
    _anchor_headings(tokens)
    tokens = _mark_actions(tokens, action_url_prefix)
    return _md.renderer.render(tokens, _md.options, {})


def fill_markers(html: str, render_action) -> str:
    """Replace each action marker with `render_action(code)` (already-escaped HTML)."""
    return MARKER_RE.sub(lambda m: render_action(m[1]), html)


def _anchor_headings(tokens: list[Token]) -> None:
    """`## Title {#slug}` -> `<h2 id="slug">Title</h2>`, same slugs as the parser."""
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag not in ("h2", "h3"):
            continue
        inline = tokens[i + 1]
        m = HEADING_SLUG_RE.match(inline.content.strip())
        slug = m["slug"].strip() if m else slugify(re.sub(r"[*_`]", "", inline.content))
        token.attrSet("id", slug)
        if m and inline.children:
            last = inline.children[-1]
            if last.type == "text":
                last.content = HEADING_SLUG_RE.sub(r"\g<text>", last.content)


def _mark_actions(tokens: list[Token], prefix: str) -> list[Token]:
    """Link each action's bold ID and swap its field list for a status marker."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        out.append(token)
        code = _action_code(tokens, i)
        if code is None:
            i += 1
            continue
        token.attrSet("id", f"action-{code}")
        token.attrJoin("class", "action")
        level = token.level
        j = i + 1
        while not (tokens[j].type == "list_item_close" and tokens[j].level == level):
            t = tokens[j]
            if (
                t.type == "inline"
                and tokens[j - 1].type == "paragraph_open"
                and tokens[j - 1].level == level + 1
            ):
                _drop_checkbox(t)
                _link_id(t, f"{prefix}{code}")
            if t.type == "bullet_list_open" and t.level == level + 1:
                j = _skip_block(tokens, j)
                marker = Token("html_block", "", 0, content=MARKER.format(code=code) + "\n")
                out.append(marker)
                continue
            out.append(t)
            j += 1
        i = j
    return out


def _action_code(tokens: list[Token], i: int) -> str | None:
    token = tokens[i]
    if token.type != "list_item_open" or "task-list-item" not in str(token.attrGet("class") or ""):
        return None
    if i + 2 >= len(tokens) or tokens[i + 2].type != "inline":
        return None
    m = re.match(r"^\s*\*\*([^*\n]+)\*\*", tokens[i + 2].content)
    if not m or not ACTION_ID_RE.match(m[1].strip()):
        return None
    return m[1].strip()


def _skip_block(tokens: list[Token], j: int) -> int:
    opener = tokens[j]
    close = opener.type.replace("_open", "_close")
    j += 1
    while not (tokens[j].type == close and tokens[j].level == opener.level):
        j += 1
    return j + 1


def _drop_checkbox(inline: Token) -> None:
    """An action's `[ ]`/`[x]` says what the file says, not the action's live status
    (shown beside it as a tag), and a disabled checkbox without a label only
    confuses a screen reader: leave it out."""
    inline.children = [
        c
        for c in inline.children or []
        if not (c.type == "html_inline" and "task-list-item-checkbox" in c.content)
    ]


def _link_id(inline: Token, href: str) -> None:
    """Wrap the leading `**ID**` of an action's line in a link to its page."""
    children = inline.children or []
    for k, child in enumerate(children):
        if child.type == "strong_open":
            end = next(n for n in range(k, len(children)) if children[n].type == "strong_close")
            link_open = Token("link_open", "a", 1, attrs={"href": href})
            link_close = Token("link_close", "a", -1)
            inline.children = (
                children[:k]
                + [link_open]
                + children[k : end + 1]
                + [link_close]
                + children[end + 1 :]
            )
            return
