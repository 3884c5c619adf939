"""`Kept`: values made once per key, the least recently used dropped first."""

from __future__ import annotations

from tracker.kept import Kept
from tracker.web.ui import Rendered


def test_a_value_is_made_once_per_key_and_the_oldest_is_dropped():
    made: list[str] = []
    kept: Kept[str] = Kept(2)

    def make(key: str):
        return lambda: made.append(key) or key.upper()

    assert kept.get("a", make("a")) == "A" and kept.get("a", make("a")) == "A"
    kept.get("b", make("b"))
    kept.get("a", make("a"))  # used again: "b" is now the oldest
    kept.get("c", make("c"))
    kept.get("a", make("a"))
    kept.get("b", make("b"))  # dropped by "c", made again
    assert made == ["a", "b", "c", "b"]


def test_rendered_fragments_are_markup_and_joined_in_order():
    rendered = Rendered(10)
    rows = [{"id": 1, "name": "<b>"}, {"id": 2, "name": "x"}]
    html = rendered.joined(rows, lambda r: r["id"], lambda r: f"<li>{r['id']}</li>")
    assert html == "<li>1</li><li>2</li>" and hasattr(html, "__html__")
    again = rendered.joined(rows, lambda r: r["id"], lambda r: "changed")
    assert again == html  # kept under the same keys
