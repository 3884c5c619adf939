"""The editable notulen: the minutes record as a Word document (python-docx).

Same structure and the same words as the PDF (both come from
`tracker.minutes.labels`), but built from real Word headings, paragraphs and
tables, with no images, so a secretariat can adjust wording or layout before
printing on its own letterhead.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tracker import i18n
from tracker.i18n import N_
from tracker.minutes import labels as L
from tracker.minutes import letters

FONT = "Times New Roman"  # Liberation Serif and DejaVu Serif stand in where it is missing
# Characters XML 1.0 cannot hold; lxml refuses them, so user text loses them.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def minutes_docx(record: Mapping[str, Any]) -> bytes:
    """The notulen as a .docx: kop, header table, sections I–V, signatures, attendance annex."""
    doc = _new_document(record, L.footer_line(record))
    _kop(doc, record)
    _heading(doc, i18n.translator(L.language(record))._("MINUTES OF MEETING"), 1, center=True)
    _rows_table(doc, L.header_rows(record))
    _opening(doc, record)
    _discussion(doc, record)
    _decisions(doc, record)
    _follow_ups(doc, record)
    _closing(doc, record)
    _signatures(doc, record)
    doc.add_page_break()
    _annex(doc, record)
    return _saved(doc)


def clean(text: object) -> str:
    """User text without the control characters a .docx (XML) cannot carry."""
    return XML_ILLEGAL.sub("", str(text or ""))


def _new_document(
    record: Mapping[str, Any], footer: str | None, kind: str | None = None
) -> DocxDocument:
    """A4 with the usual margins of Indonesian official papers, serif, black headings;
    `footer` (with page numbers) on every page, or none (a letter). `kind` (a
    msgid, 'Letter of invitation') heads the file's title, as in its PDF's."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    _defaults(doc, L.language(record))
    for name, size in (("Normal", 12), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 12)):
        style = doc.styles[name]
        style.font.size, style.font.color.rgb = Pt(size), RGBColor(0, 0, 0)
        _serif(style.element.get_or_add_rPr())
    _properties(doc, record, kind)
    if footer is not None:
        _footer(doc, record, footer)
    return doc


def _properties(doc: DocxDocument, record: Mapping[str, Any], kind: str | None) -> None:
    """The file's own title, language, author and dates, which Word shows under
    Info and a file manager or screen reader announces. python-docx's template
    would otherwise say the file was written by 'python-docx' on 23 December 2013.
    The author is the issuing office (the kop's first line), the date the
    version's finalization (a draft's letters: the moment they are made). A
    letter's title says which letter it is, so the invitation and the
    attendance sheet of one meeting are not announced alike."""
    props = doc.core_properties
    title = clean(L.one_line(record.get("title")))
    if kind:
        title = f"{i18n.translator(L.language(record))._(kind)}: {title}"
    props.title = title
    props.language = L.language(record)
    kop = [line for line in map(L.one_line, record.get("kop") or []) if line]
    props.author = clean(kop[0]) if kop else ""
    props.last_modified_by = props.author
    props.comments = ""
    props.created = props.modified = record.get("finalized_at") or dt.datetime.now(dt.UTC)


def _defaults(doc: DocxDocument, lang: str) -> None:
    """Document-wide serif font and proofing language (Indonesian spell-checks as id-ID)."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _serif(rpr)
    language = rpr.find(qn("w:lang"))
    if language is not None:
        language.set(qn("w:val"), "id-ID" if lang == "id" else "en-GB")


def _serif(rpr) -> None:
    """Set FONT on a run-properties element; theme fonts would otherwise win over it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _footer(doc: DocxDocument, record: Mapping[str, Any], text: str) -> None:
    """A line (document id and version), then 'Halaman n dari m' as live Word fields."""
    lang = L.language(record)
    footer = doc.sections[0].footer
    _runs(footer.paragraphs[0], [(text, False)], size=9)
    pages = footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _runs(pages, [(i18n.translator(lang)._("Page") + " ", False)], size=9)
    _field(pages, "PAGE")
    _runs(pages, [(" " + i18n.translator(lang)._("of") + " ", False)], size=9)
    _field(pages, "NUMPAGES")


def _letter_page_numbers(doc: DocxDocument) -> None:
    """A letter's pages after the first carry "- n -" at their head (the
    first page's header is its own, and left empty)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(head, [("- ", False)])
    _field(head, "PAGE")
    _runs(head, [(" -", False)])


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _runs(paragraph: Paragraph, parts: Iterable[tuple[str, bool]], size: float | None = None):
    """Append (text, bold) runs; `\\n` in a text becomes a line break."""
    for text, bold in parts:
        run = paragraph.add_run(clean(text))
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
    return paragraph


def _para(container, text: str = "", *, bold: bool = False, center: bool = False) -> Paragraph:
    """One paragraph in a document or a table cell."""
    paragraph = container.add_paragraph()
    if text:
        _runs(paragraph, [(text, bold)])
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _heading(doc: DocxDocument, text: str, level: int, *, center: bool = False) -> None:
    heading = doc.add_heading(clean(text), level)
    if center:
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _kop(doc: DocxDocument, record: Mapping[str, Any]) -> None:
    """The letterhead: centred bold lines, the first biggest, a double rule under."""
    lines = [line for line in map(L.one_line, record.get("kop") or []) if line]
    paragraph = None
    for i, line in enumerate(lines):
        paragraph = _para(doc, center=True)
        _runs(paragraph, [(line, True)], size=15 if i == 0 else 12)
        paragraph.paragraph_format.space_after = Pt(0)
    if paragraph is not None:
        _bottom_rule(paragraph)
        paragraph.paragraph_format.space_after = Pt(12)


def _bottom_rule(paragraph: Paragraph) -> None:
    """The kop's double line, as a paragraph border (no drawing, stays editable)."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "double"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _rows_table(
    container, rows: list[tuple[str, str]], widths: tuple = (Cm(4.2), Cm(0.5), Cm(11.8))
) -> Table:
    """The header fields as label | : | value rows, without borders."""
    table = container.add_table(rows=0, cols=3)
    for name, value in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, (name, ":", value), strict=True):
            cell.paragraphs[0].add_run(clean(text))
    _widths(table, widths)
    return table


def _widths(table: Table, widths: Iterable) -> None:
    """Column widths (Word reads them per cell, LibreOffice per grid column)."""
    table.autofit = False
    widths = list(widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _text_block(doc: DocxDocument, text: object) -> int:
    """Free text as paragraphs, keeping the line breaks inside each; how many."""
    paragraphs = L.paragraphs(text)
    for paragraph in paragraphs:
        _para(doc, paragraph).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return len(paragraphs)


def _opening(doc: DocxDocument, record: Mapping[str, Any]) -> None:
    lang = L.language(record)
    _heading(doc, L.section_title("opening", lang), 2)
    if not _text_block(doc, record.get("opening")):  # as the PDF: never an empty section
        _para(doc, i18n.translator(lang)._("None."))


def _discussion(doc: DocxDocument, record: Mapping[str, Any]) -> None:
    """Section II: per agenda item a heading, its notes and its decisions."""
    lang = L.language(record)
    _heading(doc, L.section_title("discussion", lang), 2)
    for item in L.agenda_items(record):
        _heading(doc, f"{item['number']}. {item['title']}", 3)
        for paragraph in item["notes"]:
            _para(doc, paragraph).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for name, text in item["decisions"]:
            _runs(doc.add_paragraph(), [(f"{name}: ", True), (text, False)])
        if item["not_discussed"]:
            _para(doc, item["not_discussed"]).runs[0].italic = True


def _decisions(doc: DocxDocument, record: Mapping[str, Any]) -> None:
    """Section III: every decision of the meeting again, in one place."""
    lang = L.language(record)
    _heading(doc, L.section_title("decisions", lang), 2)
    decisions = L.decisions(record)
    for decision in decisions:
        name, text = L.decision_line(decision, lang)
        _runs(doc.add_paragraph(), [(f"{name}: ", True), (text, False)])
    if not decisions:
        _para(doc, i18n.translator(lang)._("None."))


def _follow_ups(doc: DocxDocument, record: Mapping[str, Any]) -> None:
    """Section IV: the follow-up table, its header row repeated on every page."""
    lang = L.language(record)
    _heading(doc, L.section_title("follow_ups", lang), 2)
    rows = L.follow_up_rows(record)
    if not rows:
        _para(doc, i18n.translator(lang)._("None."))
        return
    keys = (N_("No"), N_("Action"), N_("Responsible"), N_("Due"))
    table = _grid(doc, [i18n.translator(lang)._(k) for k in keys])
    for row in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(str(row["no"]))
        action = [(row["code"], True), (" " + row["title"], False)]
        action += [("\n" + line, False) for line in row["details"]]
        _runs(cells[1].paragraphs[0], action)
        _runs(cells[2].paragraphs[0], [("\n".join(row["responsible"]), False)])
        _runs(cells[3].paragraphs[0], [(row["due"], False)])
    _widths(table, (Cm(1.0), Cm(8.0), Cm(4.5), Cm(3.0)))


def _grid(doc: DocxDocument, headers: list[str]) -> Table:
    """A bordered table whose bold header row Word repeats on each page."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _runs(cell.paragraphs[0], [(text, True)]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    return table


def _closing(doc: DocxDocument, record: Mapping[str, Any]) -> None:
    lang = L.language(record)
    _heading(doc, L.section_title("closing", lang), 2)
    written = _text_block(doc, record.get("closing"))
    if sentence := L.next_meeting(record):
        _para(doc, sentence)
    elif not written:
        _para(doc, i18n.translator(lang)._("None."))


def _signatures(doc: DocxDocument, record: Mapping[str, Any]) -> None:
    """Chair and notulis side by side: role, room to sign, name underlined, NIP."""
    _para(doc)
    table = doc.add_table(rows=1, cols=2)
    for cell, block in zip(table.rows[0].cells, L.signatures(record), strict=True):
        _signature(cell, block)


def _signature(cell: _Cell, block: Mapping[str, str]) -> None:
    cell.paragraphs[0].add_run(clean(block["above"]))
    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.get("role"):
        _para(cell, block["role"], center=True)
    for _ in range(3):
        _para(cell)
    name = _para(cell, center=True)
    run = name.add_run(clean(block["name"]))
    run.bold, run.underline = True, True
    for line in (block.get("title"), block.get("nip")):
        if line:
            _para(cell, line, center=True)


def _annex(doc: DocxDocument, record: Mapping[str, Any]) -> None:
    """The attendance list (daftar hadir), with an empty column to sign in."""
    lang = L.language(record)
    _heading(doc, i18n.translator(lang)._("Annex: Attendance list"), 2, center=True)
    _para(doc, L.one_line(record.get("title")), center=True)
    _para(doc, L.day_and_place(record), center=True)
    keys = (N_("No"), N_("Name"), N_("Position/Institution"), N_("Remarks"), N_("Signature"))
    table = _grid(doc, [i18n.translator(lang)._(k) for k in keys])
    for row in L.attendance_rows(record):
        added = table.add_row()
        added.height = Cm(1.1)
        cells = added.cells
        cells[0].paragraphs[0].add_run(str(row["no"]))
        texts = (row["name"], "\n".join(row["position"]), row["remarks"])
        for cell, text in zip(cells[1:4], texts, strict=True):
            _runs(cell.paragraphs[0], [(text, False)])
    _widths(table, (Cm(1.0), Cm(4.5), Cm(5.0), Cm(3.0), Cm(3.0)))


# ------------------------------------------------------------------ letters


def invitation_docx(record: Mapping[str, Any]) -> bytes:
    """The letter of invitation as a .docx, from a `letters.letter_record`: the
    same kop and words as its PDF, with no footer (a letter has none) and
    its pages after the first numbered at their head."""
    lang = L.language(record)
    doc = _new_document(record, None, N_("Letter of invitation"))
    _letter_page_numbers(doc)
    _kop(doc, record)
    _para(doc, letters.dateline(record)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    _rows_table(left, letters.letter_rows(record), (Cm(2.5), Cm(0.4), Cm(5.1)))
    left._tc.remove(left.paragraphs[0]._p)  # the empty paragraph a new cell starts with
    _addressees(right, record)
    _widths(head, (Cm(8.0), Cm(8.5)))
    _para(doc)
    _para(doc, i18n.translator(lang)._("Dear Sir or Madam,"))
    _para(doc, letters.intro(record)).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    events = _rows_table(doc, letters.event_rows(record), (Cm(3.4), Cm(0.5), Cm(11.6)))
    events.alignment = WD_TABLE_ALIGNMENT.RIGHT
    if agenda := letters.agenda(record):
        _para(doc, i18n.translator(lang)._("with the following agenda:"))
        for number, title in enumerate(agenda, 1):
            _para(doc, f"{number}. {title}").paragraph_format.left_indent = Cm(1)
    _para(
        doc,
        i18n.translator(lang)._(
            "Given the importance of this meeting, we kindly ask you to attend on time. Thank you for your attention and your presence."
        ),
    ).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc)
    sign = doc.add_table(rows=1, cols=2)
    _signature(sign.rows[0].cells[1], letters.signer_block(record))
    return _saved(doc)


def _addressees(cell: _Cell, record: Mapping[str, Any]) -> None:
    """'Kepada Yth.' and the invited parties, numbered when more than one, then 'di Tempat'."""
    lang = L.language(record)
    cell.paragraphs[0].add_run(i18n.translator(lang)._("To"))
    names = letters.addressees(record)
    words = letters.addressing(record)
    dear = words["dear"]
    for number, name in enumerate(names, 1):
        first = dear if number == 1 else ""
        if len(names) == 1:
            _para(cell, f"{first} {name}".strip())
        else:  # a tab stop keeps the numbers in a column under 'Kepada'
            _para(cell, f"{first}\t{number}. {name}")
    if words["at"]:
        _para(cell, words["at"])
        at = _para(cell, words["place"])
        at.paragraph_format.left_indent = Cm(1)
        at.runs[0].underline = True


def attendance_docx(record: Mapping[str, Any]) -> bytes:
    """The attendance sheet as a .docx: the meeting on top, then one tall row per
    person (and empty ones) with columns to write a phone number and to sign."""
    lang = L.language(record)
    doc = _new_document(record, letters.sheet_footer(record), N_("Attendance list"))
    _kop(doc, record)
    _heading(doc, i18n.translator(lang)._("ATTENDANCE LIST"), 1, center=True)
    _rows_table(doc, letters.sheet_meta(record))
    _para(doc)
    keys = (N_("No"), N_("Name"), N_("Position"), N_("Institution"), N_("Phone"), N_("Signature"))
    table = _grid(doc, [i18n.translator(lang)._(k) for k in keys])
    for row in letters.sheet_rows(record):
        added = table.add_row()
        added.height = Cm(1.3)
        cells = added.cells
        texts = (str(row["no"]), row["name"], row["title"], row["institution"], "")
        for cell, text in zip(cells[:5], texts, strict=True):
            _runs(cell.paragraphs[0], [(text, False)], size=10.5)
        sign = _runs(cells[5].paragraphs[0], [(f"{row['no']}.", False)], size=9)
        if row["no"] % 2 == 0:
            sign.paragraph_format.left_indent = Cm(1.3)
    _widths(table, (Cm(1.0), Cm(3.6), Cm(3.0), Cm(3.6), Cm(2.3), Cm(3.0)))
    return _saved(doc)


def _saved(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
