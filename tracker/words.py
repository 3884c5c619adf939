"""Words for codes chosen at run time: statuses, roles, kinds, columns...

Each mapping goes from the code (as stored or sent) to its English msgid,
marked with `N_` so that extraction finds it; translate where shown:
`_(words.STATUS[code])` in a template, `t._(words.ROLE[role])` in Python.
"""

from tracker.i18n import N_

# The statuses of an action (tracker.progress.status).
STATUS = {
    "not_started": N_("Not started"),
    "in_progress": N_("In progress"),
    "at_risk": N_("At risk"),
    "done": N_("Done"),
    "cancelled": N_("Cancelled"),
}
# What changed since a date, on the status page.
CHANGES = {
    "newly_late": N_("Newly late"),
    "newly_done": N_("Newly done"),
    "moved": N_("Moved"),
}
# The due-date windows of the status filters.
WINDOW = {
    "any": N_("Any time"),
    "7": N_("Next 7 days"),
    "30": N_("Next 30 days"),
    "90": N_("Next 90 days"),
    "none": N_("No deadline set"),
}
# Account roles.
ROLE = {
    "admin": N_("admin"),
    "secretariat": N_("secretariat"),
    "viewer": N_("viewer"),
    "notulis": N_("minute-taker"),
}
# A party's part in an action, on Aksi saya.
MY_ROLE = {
    "owner": N_("Owner"),
    "with": N_("Supporting"),
}
# Kinds of documents.
DOCUMENT_KIND = {
    "agreement": N_("Agreement"),
    "minutes": N_("Minutes"),
}
# The fields of an action as shown in a document.
ACTION_FIELD = {
    "owner": N_("Owner"),
    "with": N_("With"),
    "due": N_("Due"),
    "target": N_("Target"),
    "late": N_("Late"),
}
# The fields an amendment may change.
FIELD = {
    "title": N_("Title"),
    "commitment": N_("Commitment"),
    "owner": N_("Owner"),
    "with": N_("With"),
    "due": N_("Due"),
    "start": N_("Start"),
    "indicator": N_("Indicator"),
    "target": N_("Target"),
    "depends": N_("Depends on"),
    "description": N_("Description"),
    "withdrawn": N_("Withdrawn"),
    "parts": N_("Parts (regions or owners)"),
}
# Values of an amended field.
VALUE = {
    "none": N_("(none)"),
    "true": N_("yes"),
    "false": N_("no"),
}
# How an attendee attended, on the Rakor pages.
MEETING_PRESENCE = {
    "hadir": N_("present"),
    "tidak_hadir": N_("absent"),
    "diwakili": N_("represented"),
    "tamu": N_("guest (not invited)"),
}
# Where an agenda item comes from.
AGENDA_KIND = {
    "commitment": N_("from the agreement"),
    "minutes": N_("from the minutes"),  # a commitment item of followed minutes
    "carryover": N_("carried over"),
    "custom": N_("added"),
}
# What the minutes do with agenda items not discussed.
UNDISCUSSED = {
    "mark": N_("listed and marked “not discussed”"),
    "omit": N_("left out"),
}
# The states of a mail in the outbox.
OUTBOX_STATUS = {
    "pending": N_("Pending"),
    "sending": N_("Sending"),
    "sent": N_("Sent"),
    "failed": N_("Failed"),
}
# Kinds of issued documents, on /v.
VERIFY_KIND = {
    "status_report": N_("Status report"),
    "notulen": N_("Minutes of a Rakor"),
    "letter": N_("Letter"),
}
# The language an issued document is in, on /v.
DOCUMENT_LANGUAGE = {
    "id": N_("Indonesian"),
    "en": N_("English"),
}
# Kinds of mail a user may choose, in short.
CHOICE = {
    "rakor": N_("Rakor invitations and minutes"),
    "reminder": N_("deadline reminders"),
    "digest": N_("the weekly digest"),
    "expiry": N_("agreement expiry notices"),
}
# Kinds of mail a user may choose, on the profile page.
PROFILE_CHOICE = {
    "rakor": N_("Invitations, reminders and minutes of the Rakor I or my parties are invited to"),
    "reminder": N_(
        "Deadline reminders for my parties' actions (7 days and 1 day before, and when late)"
    ),
    "digest": N_("The weekly digest (Mondays at 07:00 WITA)"),
    "expiry": N_("Agreements about to expire (90 and 30 days before)"),
    "approval": N_("Minutes awaiting approval, returned or approved"),
}
# Why a user receives a mail, in its footer.
MAIL_WHY = {
    "reminder": N_(
        "You receive this message because the account %(username)s is a secretariat of a party involved in this action."
    ),
    "digest": N_(
        "You receive this message because the account %(username)s receives the weekly digest."
    ),
    "expiry": N_(
        "You receive this message because the account %(username)s is an admin or a secretariat of a party to this agreement."
    ),
    "rakor": N_(
        "You receive this message because %(username)s is among those invited to this coordination meeting."
    ),
    "approval": N_(
        "You receive this message because the account %(username)s chairs this meeting or writes its minutes."
    ),
}
# The unsubscribe link of a mail, per kind.
# Why someone invited to a Rakor is not mailed (store.refusal), on the invitation page.
RAKOR_NOT_MAILED = {
    "turned_off": N_(
        "turned Rakor mail off on their profile: sees the invitation on the Notifications page only"
    ),
    "opted_out": N_("unsubscribed from Rakor mail with the link in an earlier mail"),
}
MAIL_UNSUBSCRIBE = {
    "reminder": N_("Stop receiving deadline reminders by email"),
    "digest": N_("Stop receiving the weekly digest by email"),
    "expiry": N_("Stop receiving agreement expiry notices by email"),
    "rakor": N_("Stop receiving Rakor invitations and minutes by email"),
    "approval": N_("Stop receiving mail about approving minutes"),
}
# The weekly digest's columns.
DIGEST_SHORT = {
    "became_late": N_("newly late"),
    "still_late": N_("still late"),
    "done": N_("done"),
    "due_soon": N_("≤ 30 days"),
    "stale": N_("60 days silent"),
}
# The weekly digest's sections.
DIGEST_SECTION = {
    "became_late": N_("Became late this week"),
    "still_late": N_("Still late"),
    "done": N_("Done this week"),
    "due_soon": N_("Due in the next 30 days"),
    "stale": N_("No progress update for 60 days"),
}
# The steps of the minutes' approval.
APPROVAL_STATE = {
    "submitted": N_("Submitted"),
    "returned": N_("Returned"),
    "approved": N_("Approved"),
}
# The columns of the status CSV/XLSX downloads.
EXPORT_COLUMN = {
    "document": N_("document"),
    "action": N_("action"),
    "title": N_("title"),
    "commitment": N_("commitment"),
    "owner": N_("owner"),
    "with": N_("with"),
    "due": N_("due"),
    "status": N_("status"),
    "percent": N_("percent"),
    "late": N_("late"),
    "stale": N_("no_update_60_days"),
    "last_update": N_("last_update_wita"),
    "target": N_("target"),
    "parts_done": N_("parts_done"),
    "parts_total": N_("parts_total"),
    "holding": N_("held_back_by"),
}
# The columns of the Aksi saya CSV.
CSV_COLUMN = {
    "document": N_("Document"),
    "action": N_("Action"),
    "part": N_("Part"),
    "title": N_("Title"),
    "owner": N_("Owner"),
    "due": N_("Due"),
    "target": N_("Target"),
    "status": N_("Status"),
    "percent": N_("Percent"),
    "note": N_("Note"),
    "value": N_("Value reached"),
    "evidence": N_("Evidence links"),
    "seen": N_("Last update (do not change)"),
}
# Rakor mail, per variant: the subject.
RAKOR_MAIL_SUBJECT = {
    "invitation": N_("[Rakor invitation] %(title)s, %(date)s"),
    "update": N_("[Rakor invitation changed] %(title)s, %(date)s"),
    "cancel": N_("[Rakor cancelled] %(title)s, %(date)s"),
    "reminder": N_("[Rakor reminder] Please update your reports before %(date)s"),
    "minutes": N_("[Rakor minutes] %(title)s, %(date)s"),
}
# Rakor mail, per variant: the title.
RAKOR_MAIL_TITLE = {
    "invitation": N_("Rakor invitation: %(title)s, %(date)s"),
    "update": N_("Rakor invitation changed: %(title)s, %(date)s"),
    "cancel": N_("Rakor cancelled: %(title)s, %(date)s"),
    "reminder": N_(
        "Rakor on %(date)s: %(count)s of your parties' actions are on the agenda; please update them"
    ),
    "minutes": N_("Rakor minutes issued: %(title)s, %(date)s (version %(version)s)"),
}
# Rakor mail, per variant: the first paragraph.
RAKOR_MAIL_INTRO = {
    "invitation": N_("We would like to invite you to the following coordination meeting."),
    "update": N_(
        "The invitation to the following coordination meeting has changed. Please use the details below; the entry in your calendar is updated too."
    ),
    "cancel": N_(
        "We would like to inform you that the following coordination meeting is cancelled. We apologise for the change."
    ),
    "reminder": N_(
        "The coordination meeting “%(title)s” takes place on %(date)s. The following actions, which involve your parties, are on its agenda. Please update their progress reports before the meeting."
    ),
    "minutes": N_(
        "The minutes of the following coordination meeting have been issued (version %(version)s). They are attached as a PDF."
    ),
}
# Approval mail, per step: the subject.
APPROVAL_MAIL_SUBJECT = {
    "submitted": N_("[Approval] Minutes of %(title)s"),
    "returned": N_("[Returned] Minutes of %(title)s"),
    "approved": N_("[Approved] Minutes of %(title)s"),
}
# Approval mail, per step: the title.
APPROVAL_MAIL_TITLE = {
    "submitted": N_("Minutes awaiting your approval: %(title)s"),
    "returned": N_("Minutes returned: %(title)s"),
    "approved": N_("Minutes approved: %(title)s"),
}
# Approval mail, per step: the first paragraph.
APPROVAL_MAIL_INTRO = {
    "submitted": N_("%(by)s submitted the minutes of “%(title)s” for your approval."),
    "returned": N_("%(by)s returned the minutes of “%(title)s” with a note."),
    "approved": N_("%(by)s approved the minutes of “%(title)s”; they are issued."),
}
# Error pages' messages, per HTTP status.
ERROR_STATUS = {
    "400": N_("This request could not be processed: a field or the address is not valid."),
    "401": N_("Log in first: this needs an account."),
    "403": N_("You are not allowed to open this page."),
    "404": N_("Page not found."),
    "405": N_("This address does not accept a %(method)s request. Accepted: %(allowed)s."),
    "409": N_("The data changed since this page was opened. Reload the page, then try again."),
    # (Routes that take files say their own limits: progress, CSV, scans, /v.)
    "413": N_("What was sent is larger than this page accepts; nothing of it was saved."),
    "422": N_("What was sent could not be accepted. Check it, then try again."),
    "429": N_("Too many requests. Wait a moment, then try again."),
    "500": N_("The server ran into an error. Please try again shortly."),
    "503": N_("The server is busy. Wait a minute, then try again."),
}
