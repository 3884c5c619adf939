-- migrations: agreements/2026-11-28T08:02:48:671459 agreements/2026-11-28T08:02:48:900000 agreements/2026-11-28T10:55:00:000000 agreements/2026-12-04T22:36:13:190873 agreements/2026-12-04T22:36:14:000000 accounts/2026-11-28T08:02:50:175371 accounts/2026-12-02T17:32:32:272682 accounts/2026-12-04T19:07:51:240306 progress/2026-11-28T08:04:28:184774 progress/2026-11-28T08:04:29:000000 progress/2026-12-04T22:36:13:697357 progress/2026-12-04T22:36:14:000000 progress/2026-12-05T00:46:49:097651 progress/2026-12-05T00:46:50:000000 progress/2026-12-05T07:50:00:000000 minutes/2026-11-28T10:30:11:120960 minutes/2026-11-28T10:30:12:000000 minutes/2026-12-04T19:15:00:000000 minutes/2026-12-04T21:34:59:562981 minutes/2026-12-04T21:35:52:003493 minutes/2026-12-04T21:40:00:000000 minutes/2026-12-04T21:40:01:000000 notifications/2026-12-04T19:07:52:936405 notifications/2026-12-04T19:07:53:000000 notifications/2026-12-04T21:34:59:888136 notifications/2026-12-04T21:35:00:000000 notifications/2026-12-06T05:35:16:212681 verification/2026-12-04T21:36:46:578120 verification/2026-12-04T21:36:47:000000
CREATE FUNCTION public.update_status_span() RETURNS trigger
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
    AS $$
BEGIN
  UPDATE status_span SET ended_at = NEW.created_at
   WHERE action = NEW.action AND ended_at IS NULL AND part IS NOT DISTINCT FROM NEW.part;
  INSERT INTO status_span (action, part, update_id, status, percent, value, started_at, ended_at)
  VALUES (NEW.action, NEW.part, NEW.id, NEW.status, NEW.percent, NEW.value, NEW.created_at, NULL);
  RETURN NULL;
END
$$;

CREATE FUNCTION public.update_status_span_edit() RETURNS trigger
    LANGUAGE plpgsql
    SET enable_seqscan TO 'off'
    AS $$
BEGIN
  UPDATE status_span SET started_at = NEW.created_at, status = NEW.status, percent = NEW.percent, value = NEW.value WHERE update_id = NEW.id;
  UPDATE status_span SET ended_at = NEW.created_at WHERE update_id = (SELECT MAX(id) FROM "update" WHERE action = NEW.action AND part IS NOT DISTINCT FROM NEW.part AND id < NEW.id);
  RETURN NULL;
END
$$;

CREATE TABLE public.action (
    id integer NOT NULL,
    document integer,
    commitment integer,
    code character varying(64) DEFAULT ''::character varying NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    due date,
    start date,
    indicator text,
    target_value double precision,
    target_unit character varying(64) DEFAULT NULL::character varying,
    depends json DEFAULT '{}'::json NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    line integer DEFAULT 0 NOT NULL,
    done_in_file boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    withdrawn_at timestamp with time zone
);

CREATE SEQUENCE public.action_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.action_id_seq OWNED BY public.action.id;

CREATE TABLE public.action_party (
    id integer NOT NULL,
    action integer,
    party integer,
    role character varying(8) DEFAULT ''::character varying NOT NULL,
    "position" integer DEFAULT 0 NOT NULL
);

CREATE SEQUENCE public.action_party_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.action_party_id_seq OWNED BY public.action_party.id;

CREATE TABLE public.agenda_item (
    id integer NOT NULL,
    meeting integer,
    "position" integer DEFAULT 0 NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    kind character varying(12) DEFAULT 'custom'::character varying NOT NULL,
    source json DEFAULT '{}'::json NOT NULL,
    briefing json DEFAULT '[]'::json NOT NULL,
    notes text DEFAULT ''::text NOT NULL
);

CREATE SEQUENCE public.agenda_item_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.agenda_item_id_seq OWNED BY public.agenda_item.id;

CREATE TABLE public.amendment (
    id integer NOT NULL,
    action integer,
    field character varying(32) DEFAULT ''::character varying NOT NULL,
    old text,
    new text,
    at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    revision character varying(64) DEFAULT ''::character varying NOT NULL
);

CREATE SEQUENCE public.amendment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.amendment_id_seq OWNED BY public.amendment.id;

CREATE TABLE public.attendee (
    id integer NOT NULL,
    meeting integer,
    "position" integer DEFAULT 0 NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    party character varying(64) DEFAULT NULL::character varying,
    presence character varying(12) DEFAULT 'hadir'::character varying NOT NULL,
    represented_by text DEFAULT ''::text NOT NULL,
    email character varying(254) DEFAULT ''::character varying NOT NULL
);

CREATE SEQUENCE public.attendee_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.attendee_id_seq OWNED BY public.attendee.id;

CREATE TABLE public.audit_entry (
    id integer NOT NULL,
    at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "user" integer,
    username character varying(64) DEFAULT ''::character varying NOT NULL,
    address character varying(64) DEFAULT ''::character varying NOT NULL,
    action character varying(32) DEFAULT ''::character varying NOT NULL,
    target text DEFAULT ''::text NOT NULL,
    detail json DEFAULT '{}'::json NOT NULL
);

CREATE SEQUENCE public.audit_entry_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.audit_entry_id_seq OWNED BY public.audit_entry.id;

CREATE TABLE public.commitment (
    id integer NOT NULL,
    document integer,
    slug character varying(128) DEFAULT ''::character varying NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    parent character varying(128) DEFAULT NULL::character varying,
    description text DEFAULT ''::text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    line integer DEFAULT 0 NOT NULL,
    withdrawn boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE public.commitment_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.commitment_id_seq OWNED BY public.commitment.id;

CREATE TABLE public.decision (
    id integer NOT NULL,
    meeting integer,
    item integer,
    text text DEFAULT ''::text NOT NULL
);

CREATE SEQUENCE public.decision_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.decision_id_seq OWNED BY public.decision.id;

CREATE TABLE public.document (
    id integer NOT NULL,
    slug character varying(128) DEFAULT ''::character varying NOT NULL,
    kind character varying(16) DEFAULT ''::character varying NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    path text DEFAULT ''::text NOT NULL,
    content_hash character varying(64) DEFAULT ''::character varying NOT NULL,
    source text DEFAULT ''::text NOT NULL,
    signed date,
    date date,
    meta json DEFAULT '{}'::json NOT NULL,
    synced_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    withdrawn_at timestamp with time zone
);

CREATE SEQUENCE public.document_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.document_id_seq OWNED BY public.document.id;

CREATE TABLE public.evidence (
    id integer NOT NULL,
    update integer,
    kind character varying(8) DEFAULT ''::character varying NOT NULL,
    url text,
    filename text,
    content_type character varying(64) DEFAULT NULL::character varying,
    size integer,
    sha256 character varying(64) DEFAULT NULL::character varying
);

CREATE TABLE public.evidence_file (
    id integer NOT NULL,
    sha256 character varying(64) DEFAULT ''::character varying NOT NULL,
    data bytea DEFAULT '\x'::bytea NOT NULL
);

CREATE SEQUENCE public.evidence_file_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.evidence_file_id_seq OWNED BY public.evidence_file.id;

CREATE SEQUENCE public.evidence_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.evidence_id_seq OWNED BY public.evidence.id;

CREATE TABLE public.follow_up (
    id integer NOT NULL,
    meeting integer,
    item integer,
    code character varying(16) DEFAULT ''::character varying NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    owner json DEFAULT '[]'::json NOT NULL,
    with_parties json DEFAULT '[]'::json NOT NULL,
    due date,
    indicator text DEFAULT ''::text NOT NULL,
    target text DEFAULT ''::text NOT NULL
);

CREATE SEQUENCE public.follow_up_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.follow_up_id_seq OWNED BY public.follow_up.id;

CREATE TABLE public.issued_document (
    id integer NOT NULL,
    code character varying(16) DEFAULT ''::character varying NOT NULL,
    kind character varying(16) DEFAULT ''::character varying NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    subject character varying(128) DEFAULT ''::character varying NOT NULL,
    version integer,
    language character varying(8) DEFAULT ''::character varying NOT NULL,
    sha256 character varying(64) DEFAULT ''::character varying NOT NULL,
    issued_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    issued_by character varying(64) DEFAULT NULL::character varying,
    pdf bytea
);

CREATE SEQUENCE public.issued_document_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.issued_document_id_seq OWNED BY public.issued_document.id;

CREATE TABLE public.login_attempt (
    id integer NOT NULL,
    username character varying(64) DEFAULT ''::character varying NOT NULL,
    address character varying(64) DEFAULT ''::character varying NOT NULL,
    at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    success boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE public.login_attempt_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.login_attempt_id_seq OWNED BY public.login_attempt.id;

CREATE TABLE public.login_session (
    id integer NOT NULL,
    token_hash character varying(64) DEFAULT ''::character varying NOT NULL,
    "user" integer,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    expires_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    address character varying(64) DEFAULT ''::character varying NOT NULL
);

CREATE SEQUENCE public.login_session_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.login_session_id_seq OWNED BY public.login_session.id;

CREATE TABLE public.meeting (
    id integer NOT NULL,
    slug character varying(128) DEFAULT ''::character varying NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    starts_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    ends_at timestamp with time zone,
    place text DEFAULT ''::text NOT NULL,
    kop text DEFAULT ''::text NOT NULL,
    chair_name text DEFAULT ''::text NOT NULL,
    chair_title text DEFAULT ''::text NOT NULL,
    chair_nip character varying(32) DEFAULT ''::character varying NOT NULL,
    notulis_name text DEFAULT ''::text NOT NULL,
    notulis_title text DEFAULT ''::text NOT NULL,
    notulis_nip character varying(32) DEFAULT ''::character varying NOT NULL,
    follows json DEFAULT '[]'::json NOT NULL,
    invited json DEFAULT '[]'::json NOT NULL,
    opening text DEFAULT ''::text NOT NULL,
    closing text DEFAULT ''::text NOT NULL,
    next_meeting date,
    since date,
    state character varying(8) DEFAULT 'draft'::character varying NOT NULL,
    version integer DEFAULT 0 NOT NULL,
    next_code integer DEFAULT 1 NOT NULL,
    created_by integer,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    undiscussed character varying(8) DEFAULT 'mark'::character varying NOT NULL,
    letter_attachment text DEFAULT ''::text NOT NULL,
    letter_date date,
    letter_nature character varying(16) DEFAULT 'biasa'::character varying NOT NULL,
    letter_number text DEFAULT ''::text NOT NULL,
    letter_place text DEFAULT ''::text NOT NULL,
    letter_subject text DEFAULT ''::text NOT NULL,
    signer_name text DEFAULT ''::text NOT NULL,
    signer_nip character varying(32) DEFAULT ''::character varying NOT NULL,
    signer_title text DEFAULT ''::text NOT NULL,
    chair_user integer
);

CREATE SEQUENCE public.meeting_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.meeting_id_seq OWNED BY public.meeting.id;

CREATE TABLE public.migration (
    id integer NOT NULL,
    name character varying(200) DEFAULT ''::character varying NOT NULL,
    app_name character varying(200) DEFAULT ''::character varying NOT NULL,
    ran_on timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE SEQUENCE public.migration_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.migration_id_seq OWNED BY public.migration.id;

CREATE TABLE public.minutes_submission (
    id integer NOT NULL,
    meeting integer,
    step integer DEFAULT 0 NOT NULL,
    state character varying(12) DEFAULT ''::character varying NOT NULL,
    version integer DEFAULT 0 NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    record json DEFAULT '{}'::json NOT NULL,
    markdown text DEFAULT ''::text NOT NULL,
    "user" integer,
    on_behalf_of integer,
    at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE SEQUENCE public.minutes_submission_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.minutes_submission_id_seq OWNED BY public.minutes_submission.id;

CREATE TABLE public.minutes_version (
    id integer NOT NULL,
    meeting integer,
    version integer DEFAULT 0 NOT NULL,
    record json DEFAULT '{}'::json NOT NULL,
    markdown text DEFAULT ''::text NOT NULL,
    finalized_by integer,
    finalized_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE SEQUENCE public.minutes_version_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.minutes_version_id_seq OWNED BY public.minutes_version.id;

CREATE TABLE public.notification (
    id integer NOT NULL,
    recipient integer,
    kind character varying(32) DEFAULT ''::character varying NOT NULL,
    subject_key character varying(128) DEFAULT ''::character varying NOT NULL,
    for_date date DEFAULT CURRENT_DATE NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    body text DEFAULT ''::text NOT NULL,
    link text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    read_at timestamp with time zone,
    texts text
);

CREATE SEQUENCE public.notification_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.notification_id_seq OWNED BY public.notification.id;

CREATE TABLE public.opt_out (
    id integer NOT NULL,
    address character varying(254) DEFAULT ''::character varying NOT NULL,
    choice character varying(16) DEFAULT ''::character varying NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE SEQUENCE public.opt_out_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.opt_out_id_seq OWNED BY public.opt_out.id;

CREATE TABLE public.outbox (
    id integer NOT NULL,
    kind character varying(32) DEFAULT ''::character varying NOT NULL,
    subject_key character varying(128) DEFAULT ''::character varying NOT NULL,
    recipient integer,
    for_date date DEFAULT CURRENT_DATE NOT NULL,
    to_address character varying(254) DEFAULT ''::character varying NOT NULL,
    language character varying(8) DEFAULT ''::character varying NOT NULL,
    subject text DEFAULT ''::text NOT NULL,
    body_text text DEFAULT ''::text NOT NULL,
    body_html text DEFAULT ''::text NOT NULL,
    unsubscribe_url text DEFAULT ''::text NOT NULL,
    status character varying(16) DEFAULT 'pending'::character varying NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    claimed_by character varying(64) DEFAULT NULL::character varying,
    claimed_until timestamp with time zone,
    last_error text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    sent_at timestamp with time zone,
    attachments json DEFAULT '[]'::json NOT NULL
);

CREATE SEQUENCE public.outbox_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.outbox_id_seq OWNED BY public.outbox.id;

CREATE TABLE public.part (
    id integer NOT NULL,
    action integer,
    key character varying(128) DEFAULT ''::character varying NOT NULL,
    label text DEFAULT ''::text NOT NULL,
    owner integer,
    kind character varying(8) DEFAULT ''::character varying NOT NULL,
    target_value double precision,
    target_unit character varying(64) DEFAULT NULL::character varying,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    withdrawn_at timestamp with time zone
);

CREATE SEQUENCE public.part_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.part_id_seq OWNED BY public.part.id;

CREATE TABLE public.party (
    id integer NOT NULL,
    key character varying(64) DEFAULT ''::character varying NOT NULL,
    name text DEFAULT ''::text NOT NULL
);

CREATE SEQUENCE public.party_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.party_id_seq OWNED BY public.party.id;

CREATE TABLE public.rakor_invitation (
    id integer NOT NULL,
    meeting_id integer DEFAULT 0 NOT NULL,
    slug character varying(128) DEFAULT ''::character varying NOT NULL,
    uid character varying(128) DEFAULT ''::character varying NOT NULL,
    sequence integer DEFAULT 0 NOT NULL,
    method character varying(8) DEFAULT ''::character varying NOT NULL,
    starts_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    recipients integer DEFAULT 0 NOT NULL,
    sent_by character varying(64) DEFAULT ''::character varying NOT NULL,
    sent_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE SEQUENCE public.rakor_invitation_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.rakor_invitation_id_seq OWNED BY public.rakor_invitation.id;

CREATE TABLE public.setting (
    id integer NOT NULL,
    key character varying(64) DEFAULT ''::character varying NOT NULL,
    value text DEFAULT ''::text NOT NULL
);

CREATE SEQUENCE public.setting_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.setting_id_seq OWNED BY public.setting.id;

CREATE TABLE public.signed_copy (
    id integer NOT NULL,
    version integer,
    filename text DEFAULT ''::text NOT NULL,
    size integer DEFAULT 0 NOT NULL,
    sha256 character varying(64) DEFAULT ''::character varying NOT NULL,
    uploaded_by integer,
    uploaded_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE SEQUENCE public.signed_copy_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.signed_copy_id_seq OWNED BY public.signed_copy.id;

CREATE TABLE public.status_span (
    id integer NOT NULL,
    action integer DEFAULT 0 NOT NULL,
    part integer,
    update_id integer DEFAULT 0 NOT NULL,
    status character varying(16) DEFAULT ''::character varying NOT NULL,
    percent integer,
    value double precision,
    started_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    ended_at timestamp with time zone
);

CREATE SEQUENCE public.status_span_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.status_span_id_seq OWNED BY public.status_span.id;

CREATE TABLE public.submission (
    id integer NOT NULL,
    key character varying(64) DEFAULT ''::character varying NOT NULL,
    "user" integer,
    result text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);

CREATE SEQUENCE public.submission_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.submission_id_seq OWNED BY public.submission.id;

CREATE TABLE public.tracker_user (
    id integer NOT NULL,
    username character varying(64) DEFAULT ''::character varying NOT NULL,
    display_name text DEFAULT ''::text NOT NULL,
    role character varying(16) DEFAULT ''::character varying NOT NULL,
    password_hash text DEFAULT ''::text NOT NULL,
    disabled boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    email character varying(254) DEFAULT ''::character varying NOT NULL,
    language character varying(8) DEFAULT 'id'::character varying NOT NULL,
    notify_choices text DEFAULT '{}'::text NOT NULL
);

CREATE SEQUENCE public.tracker_user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.tracker_user_id_seq OWNED BY public.tracker_user.id;

CREATE TABLE public.update (
    id integer NOT NULL,
    action integer,
    status character varying(16) DEFAULT ''::character varying NOT NULL,
    percent integer,
    note text DEFAULT ''::text NOT NULL,
    value double precision,
    author character varying(128) DEFAULT NULL::character varying,
    source character varying(16) DEFAULT ''::character varying NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    "user" integer,
    corrects integer,
    part integer
);

CREATE SEQUENCE public.update_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.update_id_seq OWNED BY public.update.id;

CREATE TABLE public.user_party (
    id integer NOT NULL,
    "user" integer,
    party integer
);

CREATE SEQUENCE public.user_party_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.user_party_id_seq OWNED BY public.user_party.id;

ALTER TABLE ONLY public.action ALTER COLUMN id SET DEFAULT nextval('public.action_id_seq'::regclass);

ALTER TABLE ONLY public.action_party ALTER COLUMN id SET DEFAULT nextval('public.action_party_id_seq'::regclass);

ALTER TABLE ONLY public.agenda_item ALTER COLUMN id SET DEFAULT nextval('public.agenda_item_id_seq'::regclass);

ALTER TABLE ONLY public.amendment ALTER COLUMN id SET DEFAULT nextval('public.amendment_id_seq'::regclass);

ALTER TABLE ONLY public.attendee ALTER COLUMN id SET DEFAULT nextval('public.attendee_id_seq'::regclass);

ALTER TABLE ONLY public.audit_entry ALTER COLUMN id SET DEFAULT nextval('public.audit_entry_id_seq'::regclass);

ALTER TABLE ONLY public.commitment ALTER COLUMN id SET DEFAULT nextval('public.commitment_id_seq'::regclass);

ALTER TABLE ONLY public.decision ALTER COLUMN id SET DEFAULT nextval('public.decision_id_seq'::regclass);

ALTER TABLE ONLY public.document ALTER COLUMN id SET DEFAULT nextval('public.document_id_seq'::regclass);

ALTER TABLE ONLY public.evidence ALTER COLUMN id SET DEFAULT nextval('public.evidence_id_seq'::regclass);

ALTER TABLE ONLY public.evidence_file ALTER COLUMN id SET DEFAULT nextval('public.evidence_file_id_seq'::regclass);

ALTER TABLE ONLY public.follow_up ALTER COLUMN id SET DEFAULT nextval('public.follow_up_id_seq'::regclass);

ALTER TABLE ONLY public.issued_document ALTER COLUMN id SET DEFAULT nextval('public.issued_document_id_seq'::regclass);

ALTER TABLE ONLY public.login_attempt ALTER COLUMN id SET DEFAULT nextval('public.login_attempt_id_seq'::regclass);

ALTER TABLE ONLY public.login_session ALTER COLUMN id SET DEFAULT nextval('public.login_session_id_seq'::regclass);

ALTER TABLE ONLY public.meeting ALTER COLUMN id SET DEFAULT nextval('public.meeting_id_seq'::regclass);

ALTER TABLE ONLY public.migration ALTER COLUMN id SET DEFAULT nextval('public.migration_id_seq'::regclass);

ALTER TABLE ONLY public.minutes_submission ALTER COLUMN id SET DEFAULT nextval('public.minutes_submission_id_seq'::regclass);

ALTER TABLE ONLY public.minutes_version ALTER COLUMN id SET DEFAULT nextval('public.minutes_version_id_seq'::regclass);

ALTER TABLE ONLY public.notification ALTER COLUMN id SET DEFAULT nextval('public.notification_id_seq'::regclass);

ALTER TABLE ONLY public.opt_out ALTER COLUMN id SET DEFAULT nextval('public.opt_out_id_seq'::regclass);

ALTER TABLE ONLY public.outbox ALTER COLUMN id SET DEFAULT nextval('public.outbox_id_seq'::regclass);

ALTER TABLE ONLY public.part ALTER COLUMN id SET DEFAULT nextval('public.part_id_seq'::regclass);

ALTER TABLE ONLY public.party ALTER COLUMN id SET DEFAULT nextval('public.party_id_seq'::regclass);

ALTER TABLE ONLY public.rakor_invitation ALTER COLUMN id SET DEFAULT nextval('public.rakor_invitation_id_seq'::regclass);

ALTER TABLE ONLY public.setting ALTER COLUMN id SET DEFAULT nextval('public.setting_id_seq'::regclass);

ALTER TABLE ONLY public.signed_copy ALTER COLUMN id SET DEFAULT nextval('public.signed_copy_id_seq'::regclass);

ALTER TABLE ONLY public.status_span ALTER COLUMN id SET DEFAULT nextval('public.status_span_id_seq'::regclass);

ALTER TABLE ONLY public.submission ALTER COLUMN id SET DEFAULT nextval('public.submission_id_seq'::regclass);

ALTER TABLE ONLY public.tracker_user ALTER COLUMN id SET DEFAULT nextval('public.tracker_user_id_seq'::regclass);

ALTER TABLE ONLY public.update ALTER COLUMN id SET DEFAULT nextval('public.update_id_seq'::regclass);

ALTER TABLE ONLY public.user_party ALTER COLUMN id SET DEFAULT nextval('public.user_party_id_seq'::regclass);

ALTER TABLE ONLY public.action_party
    ADD CONSTRAINT action_party_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.action
    ADD CONSTRAINT action_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.agenda_item
    ADD CONSTRAINT agenda_item_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.amendment
    ADD CONSTRAINT amendment_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.attendee
    ADD CONSTRAINT attendee_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.audit_entry
    ADD CONSTRAINT audit_entry_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.commitment
    ADD CONSTRAINT commitment_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.decision
    ADD CONSTRAINT decision_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.document
    ADD CONSTRAINT document_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.document
    ADD CONSTRAINT document_slug_key UNIQUE (slug);

ALTER TABLE ONLY public.evidence_file
    ADD CONSTRAINT evidence_file_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.evidence_file
    ADD CONSTRAINT evidence_file_sha256_key UNIQUE (sha256);

ALTER TABLE ONLY public.evidence
    ADD CONSTRAINT evidence_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.follow_up
    ADD CONSTRAINT follow_up_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.issued_document
    ADD CONSTRAINT issued_document_code_key UNIQUE (code);

ALTER TABLE ONLY public.issued_document
    ADD CONSTRAINT issued_document_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.login_attempt
    ADD CONSTRAINT login_attempt_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.login_session
    ADD CONSTRAINT login_session_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.login_session
    ADD CONSTRAINT login_session_token_hash_key UNIQUE (token_hash);

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_slug_key UNIQUE (slug);

ALTER TABLE ONLY public.migration
    ADD CONSTRAINT migration_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.minutes_submission
    ADD CONSTRAINT minutes_submission_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.minutes_version
    ADD CONSTRAINT minutes_version_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notification
    ADD CONSTRAINT notification_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.opt_out
    ADD CONSTRAINT opt_out_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.part
    ADD CONSTRAINT part_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.party
    ADD CONSTRAINT party_key_key UNIQUE (key);

ALTER TABLE ONLY public.party
    ADD CONSTRAINT party_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.rakor_invitation
    ADD CONSTRAINT rakor_invitation_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.setting
    ADD CONSTRAINT setting_key_key UNIQUE (key);

ALTER TABLE ONLY public.setting
    ADD CONSTRAINT setting_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.signed_copy
    ADD CONSTRAINT signed_copy_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.status_span
    ADD CONSTRAINT status_span_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.status_span
    ADD CONSTRAINT status_span_update_id_key UNIQUE (update_id);

ALTER TABLE ONLY public.submission
    ADD CONSTRAINT submission_key_key UNIQUE (key);

ALTER TABLE ONLY public.submission
    ADD CONSTRAINT submission_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.tracker_user
    ADD CONSTRAINT tracker_user_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.tracker_user
    ADD CONSTRAINT tracker_user_username_key UNIQUE (username);

ALTER TABLE ONLY public.update
    ADD CONSTRAINT update_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.user_party
    ADD CONSTRAINT user_party_pkey PRIMARY KEY (id);

CREATE INDEX action_document ON public.action USING btree (document);

CREATE UNIQUE INDEX action_document_code ON public.action USING btree (document, code);

CREATE INDEX action_party_action ON public.action_party USING btree (action);

CREATE INDEX action_party_party ON public.action_party USING btree (party);

CREATE UNIQUE INDEX action_party_unique ON public.action_party USING btree (action, party, role);

CREATE INDEX agenda_item_meeting ON public.agenda_item USING btree (meeting);

CREATE INDEX amendment_action ON public.amendment USING btree (action);

CREATE INDEX attendee_meeting ON public.attendee USING btree (meeting);

CREATE INDEX audit_entry_at ON public.audit_entry USING btree (at);

CREATE INDEX commitment_document ON public.commitment USING btree (document);

CREATE UNIQUE INDEX commitment_document_slug ON public.commitment USING btree (document, slug);

CREATE INDEX decision_item ON public.decision USING btree (item);

CREATE INDEX decision_meeting ON public.decision USING btree (meeting);

CREATE INDEX document_synced_at ON public.document USING btree (synced_at);

CREATE INDEX document_withdrawn_at ON public.document USING btree (withdrawn_at);

CREATE INDEX evidence_update ON public.evidence USING btree (update);

CREATE UNIQUE INDEX follow_up_code ON public.follow_up USING btree (meeting, code);

CREATE INDEX follow_up_item ON public.follow_up USING btree (item);

CREATE INDEX follow_up_meeting ON public.follow_up USING btree (meeting);

CREATE UNIQUE INDEX issued_document_frozen ON public.issued_document USING btree (kind, subject, version, language) WHERE (pdf IS NOT NULL);

CREATE INDEX issued_document_sha256 ON public.issued_document USING btree (sha256);

CREATE INDEX login_attempt_address ON public.login_attempt USING btree (address);

CREATE INDEX login_attempt_at ON public.login_attempt USING btree (at);

CREATE INDEX login_attempt_username ON public.login_attempt USING btree (username);

CREATE INDEX login_session_user ON public.login_session USING btree ("user");

CREATE INDEX minutes_submission_meeting ON public.minutes_submission USING btree (meeting);

CREATE UNIQUE INDEX minutes_submission_step ON public.minutes_submission USING btree (meeting, step);

CREATE INDEX minutes_version_meeting ON public.minutes_version USING btree (meeting);

CREATE UNIQUE INDEX minutes_version_unique ON public.minutes_version USING btree (meeting, version);

CREATE UNIQUE INDEX notification_key ON public.notification USING btree (kind, subject_key, recipient, for_date);

CREATE INDEX notification_recipient ON public.notification USING btree (recipient, id);

CREATE INDEX notification_unread ON public.notification USING btree (recipient) WHERE (read_at IS NULL);

CREATE UNIQUE INDEX opt_out_key ON public.opt_out USING btree (address, choice);

CREATE UNIQUE INDEX outbox_address_key ON public.outbox USING btree (kind, subject_key, to_address, for_date) WHERE (recipient IS NULL);

CREATE INDEX outbox_due ON public.outbox USING btree (status, next_attempt_at);

CREATE UNIQUE INDEX outbox_key ON public.outbox USING btree (kind, subject_key, recipient, for_date);

CREATE INDEX part_action ON public.part USING btree (action);

CREATE UNIQUE INDEX part_action_key ON public.part USING btree (action, key);

CREATE INDEX rakor_invitation_meeting ON public.rakor_invitation USING btree (meeting_id, id);

CREATE INDEX signed_copy_version ON public.signed_copy USING btree (version);

CREATE INDEX status_span_ended ON public.status_span USING btree (ended_at, started_at);

CREATE INDEX status_span_open ON public.status_span USING btree (action, part) WHERE (ended_at IS NULL);

CREATE INDEX submission_created_at ON public.submission USING btree (created_at);

CREATE INDEX submission_user ON public.submission USING btree ("user");

CREATE INDEX update_action ON public.update USING btree (action);

CREATE INDEX update_action_id ON public.update USING btree (action, id);

CREATE INDEX update_created_at ON public.update USING btree (created_at);

CREATE INDEX update_part_id ON public.update USING btree (part, id);

CREATE INDEX user_party_party ON public.user_party USING btree (party);

CREATE INDEX user_party_user ON public.user_party USING btree ("user");

CREATE TRIGGER update_status_span AFTER INSERT ON public.update FOR EACH ROW EXECUTE FUNCTION public.update_status_span();

CREATE TRIGGER update_status_span_edit AFTER UPDATE OF created_at, status, percent, value ON public.update FOR EACH ROW EXECUTE FUNCTION public.update_status_span_edit();

ALTER TABLE ONLY public.action
    ADD CONSTRAINT action_commitment_fkey FOREIGN KEY (commitment) REFERENCES public.commitment(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.action
    ADD CONSTRAINT action_document_fkey FOREIGN KEY (document) REFERENCES public.document(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.action_party
    ADD CONSTRAINT action_party_action_fkey FOREIGN KEY (action) REFERENCES public.action(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.action_party
    ADD CONSTRAINT action_party_party_fkey FOREIGN KEY (party) REFERENCES public.party(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.agenda_item
    ADD CONSTRAINT agenda_item_meeting_fkey FOREIGN KEY (meeting) REFERENCES public.meeting(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.amendment
    ADD CONSTRAINT amendment_action_fkey FOREIGN KEY (action) REFERENCES public.action(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.attendee
    ADD CONSTRAINT attendee_meeting_fkey FOREIGN KEY (meeting) REFERENCES public.meeting(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.audit_entry
    ADD CONSTRAINT audit_entry_user_fkey FOREIGN KEY ("user") REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.commitment
    ADD CONSTRAINT commitment_document_fkey FOREIGN KEY (document) REFERENCES public.document(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.decision
    ADD CONSTRAINT decision_item_fkey FOREIGN KEY (item) REFERENCES public.agenda_item(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.decision
    ADD CONSTRAINT decision_meeting_fkey FOREIGN KEY (meeting) REFERENCES public.meeting(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.evidence
    ADD CONSTRAINT evidence_update_fkey FOREIGN KEY (update) REFERENCES public.update(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.follow_up
    ADD CONSTRAINT follow_up_item_fkey FOREIGN KEY (item) REFERENCES public.agenda_item(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.follow_up
    ADD CONSTRAINT follow_up_meeting_fkey FOREIGN KEY (meeting) REFERENCES public.meeting(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.login_session
    ADD CONSTRAINT login_session_user_fkey FOREIGN KEY ("user") REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_chair_user_fkey FOREIGN KEY (chair_user) REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.minutes_submission
    ADD CONSTRAINT minutes_submission_meeting_fkey FOREIGN KEY (meeting) REFERENCES public.meeting(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.minutes_submission
    ADD CONSTRAINT minutes_submission_on_behalf_of_fkey FOREIGN KEY (on_behalf_of) REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.minutes_submission
    ADD CONSTRAINT minutes_submission_user_fkey FOREIGN KEY ("user") REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.minutes_version
    ADD CONSTRAINT minutes_version_finalized_by_fkey FOREIGN KEY (finalized_by) REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.minutes_version
    ADD CONSTRAINT minutes_version_meeting_fkey FOREIGN KEY (meeting) REFERENCES public.meeting(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.notification
    ADD CONSTRAINT notification_recipient_fkey FOREIGN KEY (recipient) REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_recipient_fkey FOREIGN KEY (recipient) REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.part
    ADD CONSTRAINT part_action_fkey FOREIGN KEY (action) REFERENCES public.action(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.part
    ADD CONSTRAINT part_owner_fkey FOREIGN KEY (owner) REFERENCES public.party(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.signed_copy
    ADD CONSTRAINT signed_copy_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.signed_copy
    ADD CONSTRAINT signed_copy_version_fkey FOREIGN KEY (version) REFERENCES public.minutes_version(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.submission
    ADD CONSTRAINT submission_user_fkey FOREIGN KEY ("user") REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.update
    ADD CONSTRAINT update_action_fkey FOREIGN KEY (action) REFERENCES public.action(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.update
    ADD CONSTRAINT update_corrects_fkey FOREIGN KEY (corrects) REFERENCES public.update(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.update
    ADD CONSTRAINT update_part_fkey FOREIGN KEY (part) REFERENCES public.part(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.update
    ADD CONSTRAINT update_user_fkey FOREIGN KEY ("user") REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE RESTRICT;

ALTER TABLE ONLY public.user_party
    ADD CONSTRAINT user_party_party_fkey FOREIGN KEY (party) REFERENCES public.party(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.user_party
    ADD CONSTRAINT user_party_user_fkey FOREIGN KEY ("user") REFERENCES public.tracker_user(id) ON UPDATE CASCADE ON DELETE CASCADE;
