#!/usr/bin/env bash
# The speed protocol of design.md ("How we measure speed"), end to end:
#
#   bench/run.sh [DATASET] [DATABASE_URL]
#
# DATASET is S, M (default) or L. DATABASE_URL defaults to a fresh SQLite file,
# bench/out/<DATASET>/db.sqlite3 (deleted first); a postgresql:// URL must name
# an empty database: `bench/run.sh M "$(bench/pgdb.sh)"` makes one.
# Prints a Markdown table and writes it to bench/out/<DATASET>-results.md
# (bench/out/<DATASET>-postgresql-results.md on PostgreSQL); the server's log
# is bench/out/<DATASET>/serve.log (serve-postgresql.log). Needs wrk
# (apt-get install wrk) and curl. Exits 1 after the table if any request
# failed or a posted update went missing; the table says which.
# BENCH_PORT (default 8123) is the port the server listens on. BENCH_PAGES, a
# space-separated list of measure names (home api-documents doc action
# sec-action aksi notifikasi profil audit asof-cold status status-doc asof pdf
# post rakor), measures only those (the rest say "not measured"); unset: all.
# BENCH_PARTS=1 breaks one action in ten down by region for S and M too (L always).
# BENCH_GZIP=1 loads the pages as a browser asks for them (Accept-Encoding:
# gzip; the protocol's wrk asks for none) and writes <DATASET>[-postgresql]-gzip-results.md.
set -euo pipefail
shopt -s inherit_errexit # a failure inside $(...) stops the script too

cd "$(dirname "$0")/.."
DATASET=${1:-M}
OUT=bench/out/$DATASET
PORT=${BENCH_PORT:-8123}
BASE=http://127.0.0.1:$PORT
PY=.venv/bin/python
TRACKER=.venv/bin/tracker
RUNS=3
WRK=(wrk -t2 -c8) # the protocol's load: 2 threads, 8 connections
LAST=$(mktemp)    # stdout of the last timed command (its stderr goes to $LAST.err)
SERVER_PID=
# The tracker's bytecode, as scripts/setup leaves it: what a deployment runs.
$PY -m compileall -q tracker >/dev/null

# Accounts the benchmark logs in with (created on the fresh database).
VIEWER=bench-viewer
SECRETARIAT=bench-sekretariat
NOTULIS=bench-notulis
ADMIN=bench-admin
PASSWORD=bench-password-$DATASET

# One benchmark at a time on this machine: two would share the cores (and,
# for one dataset, the output folder and its database): taken before anything is deleted.
mkdir -p bench/out
exec 9>bench/out/.run.lock
flock -n 9 || { echo "bench/run.sh: another run is in progress (bench/out/.run.lock)" >&2 && exit 1; }

if [[ -n ${2:-} ]]; then
    DB_URL=$2
else
    DB_URL=sqlite:///$OUT/db.sqlite3
    rm -f "$OUT"/db.sqlite3 "$OUT"/db.sqlite3-wal "$OUT"/db.sqlite3-shm
fi
case $DB_URL in
sqlite:*) ENGINE=sqlite SUFFIX= ;;
postgres:* | postgresql:*) ENGINE=postgresql SUFFIX=-postgresql ;;
*) echo "bench/run.sh: unsupported database URL $DB_URL" >&2 && exit 2 ;;
esac
SERVE_LOG=$OUT/serve$SUFFIX.log
# Problems found under load, listed after the table: a file, because load()
# runs inside $(...), where a shell variable would not outlive it.
PROBLEMS=$OUT/problems$SUFFIX.txt
WRK_NOTE=
CURL_GZIP=() # the check of each page before its load decodes what wrk is sent
if [[ ${BENCH_GZIP:-} == 1 ]]; then
    WRK+=(-H "Accept-Encoding: gzip")
    CURL_GZIP=(--compressed)
    SUFFIX+=-gzip
    WRK_NOTE=' with `Accept-Encoding: gzip`'
fi
RESULTS_FILE=bench/out/$DATASET$SUFFIX-results.md
# Logged-in pages only: a public-read setting would let a failed login pass.
unset TRACKER_PUBLIC_READ
export TRACKER_DATABASE=$DB_URL TRACKER_AGREEMENTS=$OUT/agreements

cleanup() {
    # Only the server we started: the supervisor stops its own workers on TERM.
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -f "$LAST" "$LAST.err"
}
trap cleanup EXIT

log() { echo "== $*" >&2; }

# Remember a problem for the end (the measurements go on: how often it fails
# under load is a result too).
problem() {
    log "PROBLEM: $*"
    echo "$*" >>"$PROBLEMS"
}

# Wall-clock seconds of a command; its stdout goes to $LAST, and it must succeed.
seconds() {
    local t0 t1
    t0=$(date +%s%N)
    "$@" >"$LAST" 2>"$LAST.err" || { cat "$LAST" "$LAST.err" >&2; return 1; }
    t1=$(date +%s%N)
    awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d / 1e9 }'
}

# Median of the numbers given as arguments (odd counts: the middle one).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# A load() result as a table cell: "R req/s, p50 P ms, p99 Q ms (runs: ...)".
cell() {
    local rps p50 p99 runs
    read -r rps p50 p99 runs <<<"$1"
    if [[ $rps == - ]]; then echo "not measured"; else
        echo "$rps req/s, p50 $p50 ms, p99 $p99 ms (runs: $runs req/s)"
    fi
}

# A wrk latency ("812.00us", "3.41ms", "1.02s", "1.10m") in milliseconds.
to_ms() {
    awk -v x="$1" 'BEGIN {
        if (x ~ /us$/) v = x / 1000; else if (x ~ /ms$/) v = x + 0;
        else if (x ~ /m$/) v = x * 60000; else v = x * 1000;
        printf "%.1f", v }'
}

# "RSS PSS" in MB, summed over a process and all its descendants: the
# supervisor (`tracker serve` execs into `python -m tracker.web.supervisor`,
# same pid) and its forked uvicorn workers. PSS shares out the pages the
# processes have in common (the workers are forks), so it is the fairer total.
tree_mem_mb() {
    local pids=("$1") i=0 kid pid
    while ((i < ${#pids[@]})); do
        for kid in $(ps -o pid= --ppid "${pids[i]}"); do pids+=("$kid"); done
        i=$((i + 1))
    done
    log "memory of ${#pids[@]} server processes: $(ps -o pid=,rss=,args= -p "$(IFS=,; echo "${pids[*]}")" | tr -s ' ' | paste -sd'|')"
    for pid in "${pids[@]}"; do cat "/proc/$pid/smaps_rollup"; done |
        awk '$1 == "Rss:" { r += $2 } $1 == "Pss:" { p += $2 } END { printf "%.0f %.0f", r / 1024, p / 1024 }'
}

# Stop with a clear message if the server is gone (a crash, or killed from
# outside: wrk would just report a flood of socket errors).
server_alive() {
    kill -0 "$SERVER_PID" 2>/dev/null && [[ $(ps -o stat= -p "$SERVER_PID") != Z* ]] && return 0
    log "the server (pid $SERVER_PID) is gone; last lines of $SERVE_LOG:"
    tail -20 "$SERVE_LOG" >&2
    return 1
}

# One hash of the code the server runs. Workers import Python at start-up
# but Jinja reloads templates from disk: an edit in the middle of a run (the
# tree is shared) mixes versions, so a change is reported as a problem.
code_hash() {
    find tracker templates -type f \( -name '*.py' -o -name '*.html' \) -print0 |
        sort -z | xargs -0 md5sum | md5sum | cut -c1-12
}

# The value of a cookie in a curl cookie jar (tab-separated; name, then value).
jar_cookie() { awk -F'\t' -v n="$2" '$6 == n { v = $7 } END { print v }' "$1"; }

# Log in as a browser does and print the Cookie header for wrk: GET /login sets
# the CSRF cookie, POST /login (with that token in the form) the session and a
# CSRF cookie bound to it (an unbound one would be sent back with a redirect).
login() {
    local user=$1 jar=$OUT/cookies-$1$SUFFIX.txt code csrf session
    rm -f "$jar"
    curl -fsS -c "$jar" -o /dev/null "$BASE/login"
    csrf=$(jar_cookie "$jar" csrftoken)
    code=$(curl -sS -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' \
        --data-urlencode "username=$user" --data-urlencode "password=$PASSWORD" \
        --data-urlencode "_csrf_token=$csrf" "$BASE/login")
    session=$(jar_cookie "$jar" tracker_session)
    # The login replaced the CSRF cookie with one bound to the new session.
    csrf=$(jar_cookie "$jar" csrftoken)
    if [[ $code != 30[23] || -z $csrf || -z $session ]]; then
        log "login as $user failed: HTTP $code (csrftoken '${csrf:0:8}…', session '${session:0:8}…')"
        return 1
    fi
    echo "tracker_session=$session; csrftoken=$csrf"
}

# Whether a measure is wanted (BENCH_PAGES unset, or naming it).
wanted() { [[ -z ${BENCH_PAGES:-} || " $BENCH_PAGES " == *" $1 "* ]]; }

# Median req/s, p50 and p99 (ms) of $RUNS wrk runs of one page, after a 3 s
# warm-up, as USER (whose Cookie header is COOKIE), if the measure NAME is
# wanted (else "-"):  load NAME URL USER COOKIE [json]
load() {
    local name=$1 url=$2 user=$3 cookie=$4 kind=${5:-html} out code errors rps=() p50=() p99=()
    if ! wanted "$name"; then
        echo "-" && return 0
    fi
    log "load on ${url#"$BASE"} as $user"
    # A login redirect, 404 or error page would be fast and meaningless, and
    # wrk counts only statuses >= 400 as errors: insist on a 200 that shows
    # the user logged in (base.html's `<a class="who" ...>NAME`: the display
    # name, which `tracker user add` makes the username). JSON has no header:
    # an API path answers 401 without a login, so a 200 with JSON is enough.
    code=$(curl -sS "${CURL_GZIP[@]}" -o "$LAST" -w '%{http_code}' -H "Cookie: $cookie" "$url")
    if [[ $kind == json ]]; then
        if [[ $code != 200 ]] || ! head -c1 "$LAST" | grep -q '[[{]'; then
            log "$url as $user: HTTP $code, not JSON"
            return 1
        fi
    elif [[ $code != 200 ]] || ! grep -q "class=\"who\"[^>]*>$user" "$LAST"; then
        log "$url as $user: HTTP $code, not the logged-in page"
        return 1
    fi
    "${WRK[@]}" -d3s -H "Cookie: $cookie" "$url" >/dev/null
    for _ in $(seq "$RUNS"); do
        out=$("${WRK[@]}" -d15s --latency -H "Cookie: $cookie" "$url")
        server_alive
        errors=$(grep -e 'Non-2xx' -e 'Socket errors' <<<"$out" || true)
        [[ -z $errors ]] || problem "GET ${url#"$BASE"} as $user: $(paste -sd' ' <<<"$errors")"
        rps+=("$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")")
        p50+=("$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")")
        p99+=("$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")")
        log "  ${url#"$BASE"}: ${rps[-1]} req/s, p50 ${p50[-1]} ms, p99 ${p99[-1]} ms"
    done
    echo "$(median "${rps[@]}") $(median "${p50[@]}") $(median "${p99[@]}") $(IFS=/; echo "${rps[*]}")"
}

count_updates() { "$PY" bench/generate.py --count-updates; }

# Posting updates as the secretariat (bench/post_update.lua cycles over the
# paths in $OUT/secretariat-actions.txt): like load(), and around each run the
# rows in table "update" are counted. Every 2xx must have stored exactly one
# row; requests wrk abandoned at its deadline (sent but unanswered) may or may
# not have been stored, so: 2xx <= stored <= 2xx + in flight.
# Prints the medians, the runs' req/s and "stored/2xx/in-flight" per run.
post_load() {
    local cookie=$1 out line sent ok redirected failed statuses before after stored flight
    local rps=() p50=() p99=() checks=()
    export BENCH_PATHS=$OUT/secretariat-actions.txt
    BENCH_TAG=warmup "${WRK[@]}" -d3s -s bench/post_update.lua -H "Cookie: $cookie" "$BASE/" >/dev/null
    sleep 2 # the warm-up's last posts must not count in the first run
    for i in $(seq "$RUNS"); do
        before=$(count_updates)
        out=$(BENCH_TAG="run$i" "${WRK[@]}" -d15s --latency -s bench/post_update.lua \
            -H "Cookie: $cookie" "$BASE/")
        server_alive
        sleep 2 # let the server finish what wrk abandoned at the deadline
        after=$(count_updates)
        line=$(grep '^posts: ' <<<"$out") || { log "no summary from post_update.lua:"$'\n'"$out"; return 1; }
        read -r sent ok redirected failed statuses < <(
            sed -E 's/^posts: sent=([0-9]+) 2xx=([0-9]+) 3xx=([0-9]+) failed=([0-9]+) statuses=(.*)$/\1 \2 \3 \4 \5/' <<<"$line"
        )
        stored=$((after - before))
        flight=$((sent - ok - redirected - failed))
        ((failed == 0 && redirected == 0)) ||
            problem "POST updates, run $i: $failed failed, $redirected redirected of $sent (${statuses:-})"
        ((stored >= ok)) || problem "POST updates, run $i: LOST UPDATES: $ok answered 2xx but only $stored stored"
        ((stored <= ok + flight)) ||
            problem "POST updates, run $i: $stored stored, more than $ok answered 2xx + $flight in flight"
        rps+=("$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")")
        p50+=("$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")")
        p99+=("$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")")
        checks+=("$stored/$ok/$flight")
        log "  POST updates: ${rps[-1]} req/s, p50 ${p50[-1]} ms, p99 ${p99[-1]} ms;" \
            "stored $stored, 2xx $ok, in flight at stop $flight, failed $failed"
    done
    echo "$(median "${rps[@]}") $(median "${p50[@]}") $(median "${p99[@]}") $(IFS=/; echo "${rps[*]}") $(IFS=' '; echo "${checks[*]}")"
}

# ------------------------------------------------------------ data and sync
mkdir -p "$OUT" && : >"$PROBLEMS"
log "generating dataset $DATASET"
DOC=$($PY bench/generate.py "$DATASET" --out "$OUT" ${BENCH_PARTS:+--parts})
FILES=$(find "$OUT/agreements" -name '*.md' | wc -l)

log "cold sync of $FILES files into $DB_URL"
COLD=$(seconds "$TRACKER" sync --format json)
if [[ $(grep -c '"result": "synced"' "$LAST") -ne $FILES ]]; then
    log "cold sync did not sync every file: is the database fresh?"
    exit 1
fi

log "no-op re-sync, $RUNS times"
NOOPS=()
for _ in $(seq "$RUNS"); do
    NOOPS+=("$(seconds "$TRACKER" sync --format json)")
    if grep -q '"result": "synced"' "$LAST"; then
        log "re-sync was not a no-op"
        exit 1
    fi
done
NOOP=$(median "${NOOPS[@]}")

log "loading updates"
ACTION=$($PY bench/generate.py "$DATASET" --updates)

# ----------------------------------------------------------------- accounts
# The secretariat acts for the party with the most actions (owner or with):
# the longest "Aksi saya", and the most actions to spread the posts over.
PARTY=$($PY bench/generate.py "$DATASET" --out "$OUT" --secretariat)
PARTY_ACTIONS=$(grep -c . "$OUT/secretariat-actions.txt")
# Its first action: the action page as the secretariat sees it, with the form.
SEC_ACTION=$(head -1 "$OUT/secretariat-actions.txt")
SEC_ACTION=${SEC_ACTION#/d/}
log "accounts: $VIEWER (viewer), $SECRETARIAT (secretariat of $PARTY, may post on $PARTY_ACTIONS actions without choosing a part)"
printf '%s\n' "$PASSWORD" | "$TRACKER" user add "$VIEWER" --role viewer >&2
printf '%s\n' "$PASSWORD" | "$TRACKER" user add "$SECRETARIAT" --role secretariat --party "$PARTY" >&2
printf '%s\n' "$PASSWORD" | "$TRACKER" user add "$NOTULIS" --role notulis >&2
printf '%s\n' "$PASSWORD" | "$TRACKER" user add "$ADMIN" --role admin >&2

# The secretariat's Notifikasi page needs notifications: plan a Monday
# (reminders, the late ones caught up, its digest) with mail off.
NOTIFY_DAY=$($PY -c 'import datetime as d; t = d.date.today(); print(t - d.timedelta(days=t.weekday()))')
log "planning notifications of $NOTIFY_DAY (mail off)"
env -u TRACKER_SMTP_URL "$TRACKER" notify --today "$NOTIFY_DAY" >&2
NOTIFICATIONS=$($PY bench/generate.py --count-notifications "$SECRETARIAT")
PARTS=$($PY bench/generate.py --count-parts)

# ------------------------------------------------------------------ serving
log "starting tracker serve --workers 2 on port $PORT (log: $SERVE_LOG)"
CODE=$(code_hash)
# Someone else's server on the port would answer our requests (and ours would
# die on "Address already in use"): refuse to start.
if curl -sS -o /dev/null "$BASE/healthz" 2>/dev/null; then
    log "port $PORT is already in use (another server?): set BENCH_PORT"
    exit 1
fi
# Measure only a quiet machine: the load average now is in the results.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average $LOAD_BEFORE"
"$TRACKER" serve --workers 2 --no-sync --port "$PORT" >"$SERVE_LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
    curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVE_LOG" >&2; exit 1; }
    sleep 0.2
done
curl -fsS -o /dev/null "$BASE/healthz" || { tail -20 "$SERVE_LOG" >&2; exit 1; }
server_alive # ours answered, not a server that took the port meanwhile

log "logging in"
VIEWER_COOKIE=$(login "$VIEWER")
SEC_COOKIE=$(login "$SECRETARIAT")
ADMIN_COOKIE=$(login "$ADMIN")

# The landing page (issue 15): every document with its progress, and its JSON twin.
HOME_LOAD=$(load home "$BASE/" "$VIEWER" "$VIEWER_COOKIE")
HOME_BYTES=$(curl -fsS -H "Cookie: $VIEWER_COOKIE" "$BASE/" | wc -c)
APIDOCS_LOAD=$(load api-documents "$BASE/api/documents" "$VIEWER" "$VIEWER_COOKIE" json)
DOC_LOAD=$(load doc "$BASE/d/$DOC" "$VIEWER" "$VIEWER_COOKIE")
ACT_LOAD=$(load action "$BASE/d/$ACTION" "$VIEWER" "$VIEWER_COOKIE")
SACT_LOAD=$(load sec-action "$BASE/d/$SEC_ACTION" "$SECRETARIAT" "$SEC_COOKIE")
AKSI_LOAD=$(load aksi "$BASE/aksi" "$SECRETARIAT" "$SEC_COOKIE")
# Notifikasi (issue 11): the first 25 of the secretariat's notifications.
NOTIF_LOAD=$(load notifikasi "$BASE/notifikasi" "$SECRETARIAT" "$SEC_COOKIE")
PROFILE_LOAD=$(load profil "$BASE/profil" "$SECRETARIAT" "$SEC_COOKIE")
# The audit log's first page (sync, accounts and logins so far), as an admin.
AUDIT_LOAD=$(load audit "$BASE/admin/audit" "$ADMIN" "$ADMIN_COOKIE")
# Status pages (issue 4): the overview, one document, as of the last quarter's
# end; the first request for an as-of date computes it (timed once, uncached).
ASOF=$($PY -c 'from tracker.reports.service import quarter_ends; from tracker.agreements.queries import today; print(quarter_ends(today())[0])')
ASOF_COLD_DAY=$($PY -c 'from tracker.reports.service import quarter_ends; from tracker.agreements.queries import today; print(quarter_ends(today())[1])')
ASOF_COLD=-
if wanted asof-cold; then
    log "first request as of $ASOF_COLD_DAY (computed, not kept yet)"
    ASOF_COLD=$(seconds curl -fsS -o /dev/null -H "Cookie: $VIEWER_COOKIE" "$BASE/status?asof=$ASOF_COLD_DAY")
fi
STATUS_LOAD=$(load status "$BASE/status" "$VIEWER" "$VIEWER_COOKIE")
DSTATUS_LOAD=$(load status-doc "$BASE/status/d/$DOC" "$VIEWER" "$VIEWER_COOKIE")
ASOF_LOAD=$(load asof "$BASE/status?asof=$ASOF" "$VIEWER" "$VIEWER_COOKIE")
STATUS_BYTES=$(curl -fsS -H "Cookie: $VIEWER_COOKIE" "$BASE/status" | wc -c)
DSTATUS_BYTES=$(curl -fsS -H "Cookie: $VIEWER_COOKIE" "$BASE/status/d/$DOC" | wc -c)
PDF_URL="$BASE/status/d/$DOC/laporan.pdf"
PDFS=(-)
if wanted pdf; then
    log "the A4 PDF of $DOC, $RUNS times after one warm-up"
    seconds curl -fsS -o /dev/null -H "Cookie: $VIEWER_COOKIE" "$PDF_URL" >/dev/null
    PDFS=()
    for _ in $(seq "$RUNS"); do
        PDFS+=("$(seconds curl -fsS -o /dev/null -H "Cookie: $VIEWER_COOKIE" "$PDF_URL?asof=$ASOF&party=$PARTY")")
        server_alive
    done
fi
PDF_TIME=$(median "${PDFS[@]}")
# Last: the posts add updates, which the page loads above should not see.
POST_LOAD="- - - - -"
if wanted post; then
    log "posting updates as $SECRETARIAT"
    POST_LOAD=$(post_load "$SEC_COOKIE")
fi
MEM=$(tree_mem_mb "$SERVER_PID")
read -r RSS PSS <<<"$MEM"
# After the memory: the Rakor benchmark makes DOCX files, which load python-docx.
# Its meetings are then the pages measured: the list, a draft with its drafted
# agenda (the notulis's editing page) and the minutes of the finalized one.
MEETING=
RAKOR_LOAD=- DRAFT_LOAD=- MINUTES_LOAD=-
if wanted rakor; then
    log "Rakor: a meeting reviewing 200 open actions, as $NOTULIS"
    NOTULIS_COOKIE=$(login "$NOTULIS")
    MEETING=$("$PY" bench/meeting.py "$BASE" "$NOTULIS_COOKIE" "$RUNS")
    log "$MEETING"
    read -r DRAFT FINAL < <(sed -n 's/^meetings: draft \([^ ]*\) final \([^ ]*\)$/\1 \2/p' <<<"$MEETING")
    RAKOR_LOAD=$(load rakor "$BASE/rakor" "$NOTULIS" "$NOTULIS_COOKIE")
    DRAFT_LOAD=$(load rakor "$BASE/rakor/$DRAFT" "$NOTULIS" "$NOTULIS_COOKIE")
    MINUTES_LOAD=$(load rakor "$BASE/rakor/$FINAL" "$VIEWER" "$VIEWER_COOKIE")
fi
meeting_row() {
    [[ -n $MEETING ]] || { echo "not measured" && return 0; }
    awk -F'\t' -v n="$1" '$1 == n { printf "%s s (runs: %s s)%s", $2, $3, ($4 ? "; " $4 : "") }' <<<"$MEETING"
}
read -r POST_RPS POST_P50 POST_P99 POST_RUNS POST_CHECKS <<<"$POST_LOAD"
POST_CELL="not measured"
[[ $POST_RPS == - ]] ||
    POST_CELL="$POST_RPS updates/s, p50 $POST_P50 ms, p99 $POST_P99 ms (runs: $POST_RUNS/s; rows stored/2xx/in flight at stop: $POST_CHECKS)"

[[ $(code_hash) == "$CODE" ]] || problem "tracker/ or templates/ changed during the run: mixed code measured"

# Server-side trouble under load (tracebacks, SQLite lock errors) shows here.
LOG_ERRORS=$(grep -c -i -e 'Traceback' -e 'database is locked' -e 'error' "$SERVE_LOG" || true)
((LOG_ERRORS == 0)) || problem "$SERVE_LOG has $LOG_ERRORS error line(s), e.g.: $(grep -i -m3 -e 'Traceback' -e 'locked' -e 'error' "$SERVE_LOG" | paste -sd'|')"

# ------------------------------------------------------------------ results
RESULTS=$(
    cat <<EOT
## Dataset $DATASET, $ENGINE, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)$([[ -z $(git status --porcelain -- tracker templates) ]] || echo " (tracker/ or templates/ modified)")

$(nproc) cores; \`tracker serve --workers 2\`; \`wrk -t2 -c8 -d15s\`$WRK_NOTE after a 3 s warm-up, median of $RUNS runs.
Logged in: $VIEWER (viewer); $SECRETARIAT (secretariat of \`$PARTY\`, may post on $PARTY_ACTIONS of its actions without choosing a part); $ADMIN; $NOTULIS.
Parts: $PARTS. Load average before serving: $LOAD_BEFORE.

| measure | result | budget |
|---|---|---|
| cold sync ($FILES files) | $COLD s | < 3 s |
| no-op re-sync (median of $RUNS) | $NOOP s | < 0.5 s |
| \`/\`, the documents with their progress ($HOME_BYTES bytes of HTML; viewer) | $(cell "$HOME_LOAD") | ≥ 1000 req/s, p99 < 50 ms |
| \`/api/documents\` (viewer) | $(cell "$APIDOCS_LOAD") | |
| \`/d/$DOC\` (viewer) | $(cell "$DOC_LOAD") | ≥ 400 req/s, p99 < 50 ms |
| \`/d/$ACTION\`, 20 updates (viewer) | $(cell "$ACT_LOAD") | ≥ 500 req/s |
| \`/d/$SEC_ACTION\`, 20 updates, with the form (secretariat) | $(cell "$SACT_LOAD") | ≥ 500 req/s |
| \`/aksi\` "Aksi saya", 25 per page (secretariat) | $(cell "$AKSI_LOAD") | ≥ 500 req/s |
| \`/notifikasi\`, 25 of $NOTIFICATIONS notifications (secretariat) | $(cell "$NOTIF_LOAD") | as "Aksi saya" |
| \`/profil\` (secretariat) | $(cell "$PROFILE_LOAD") | |
| \`/admin/audit\`, the audit log's first page (admin) | $(cell "$AUDIT_LOAD") | |
| \`/status\` ($STATUS_BYTES bytes of HTML) | $(cell "$STATUS_LOAD") | ≥ 300 req/s |
| \`/status/d/$DOC\` ($DSTATUS_BYTES bytes of HTML) | $(cell "$DSTATUS_LOAD") | ≥ 400 req/s |
| \`/status?asof=$ASOF\` | $(cell "$ASOF_LOAD") | ≥ 150 req/s |
| first request as of a new date (\`/status?asof=$ASOF_COLD_DAY\`, computed) | $ASOF_COLD s | |
| A4 PDF \`/status/d/$DOC/laporan.pdf\` (median of $RUNS) | $PDF_TIME s (runs: $(IFS=/; echo "${PDFS[*]}") s) | < 2 s |
| posting updates, \`POST /d/…/updates\` (secretariat, htmx form) | $POST_CELL | ≥ 300 updates/s |
| RSS, all server processes (PSS) | $RSS MB ($PSS MB) | < 150 MB |
| Rakor: create a meeting, agenda drafted (\`POST /rakor\`; $(sed -n 's/^facts: //p' <<<"$MEETING")) | $(meeting_row "create + draft agenda (POST /rakor)") | < 200 ms |
| Rakor: the meeting page with that agenda | $(meeting_row "meeting page with the drafted agenda (GET)") | |
| Rakor: notulen PDF | $(meeting_row "notulen.pdf download") | < 3 s |
| Rakor: notulen DOCX | $(meeting_row "notulen.docx download") | < 1 s |
| \`/rakor\`, the meetings (notulis) | $(cell "$RAKOR_LOAD") | |
| \`/rakor/${DRAFT:-…}\`, a draft with its drafted agenda (notulis, editing) | $(cell "$DRAFT_LOAD") | |
| \`/rakor/${FINAL:-…}\`, finalized minutes (viewer) | $(cell "$MINUTES_LOAD") | |
EOT
)
if [[ -s $PROBLEMS ]]; then
    RESULTS+=$'\n\nProblems under load:\n'$(sed 's/^/- /' "$PROBLEMS")
fi
echo "$RESULTS"
echo "$RESULTS" >"$RESULTS_FILE"
[[ ! -s $PROBLEMS ]]
