"""The formal minutes (notulen Rakor): one plain record in, PDF, DOCX and Markdown out.

When a notulis finalizes a meeting, the app builds one plain dict, the
"minutes record", and hands it to the renderers here. They are pure functions
of that record: they know nothing of the database or of HTTP, so the three
outputs always say the same thing and can be tested without either.

- `tracker.minutes.pdf.minutes_pdf(record) -> bytes`: the signed paper copy;
- `tracker.minutes.docx.minutes_docx(record) -> bytes`: the same, editable in Word;
- `tracker.minutes.markdown.minutes_markdown(record) -> str`: a minutes file in
  the agreement format, so the follow-ups are tracked like any action;
- `tracker.minutes.labels`: the notulen vocabulary (id/en) and the phrases all
  three share, and the rules they apply alike: which agenda items are shown
  (`shown_items`: an item without notes, decisions or follow-ups is marked
  "Tidak dibahas." or, with the record's `undiscussed: "omit"`, left out) and
  how attendance is counted (`attendance_summary`: invited, present,
  represented, absent and guests, each apart).
"""
