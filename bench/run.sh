#!/usr/bin/env bash
# The speed protocol of design.md ("How we measure speed"), end to end:
#
#   bench/run.sh [DATASET] [DATABASE_URL]
#
# DATASET is S, M (default) or L. DATABASE_URL defaults to a fresh SQLite file,
# bench/out/<DATASET>/db.sqlite3 (deleted first); a postgresql:// URL must name
# an empty database. Prints a Markdown table and writes it to
# bench/out/<DATASET>-results.md. Needs wrk (apt-get install wrk) and curl.
set -euo pipefail
shopt -s inherit_errexit # a failure inside $(...) stops the script too

cd "$(dirname "$0")/.."
DATASET=${1:-M}
OUT=bench/out/$DATASET
PORT=8123
BASE=http://127.0.0.1:$PORT
PY=.venv/bin/python
TRACKER=.venv/bin/tracker
RUNS=3
LAST=$(mktemp) # stdout of the last timed command (its stderr goes to $LAST.err)
SERVER_PID=

if [[ -n ${2:-} ]]; then
    DB_URL=$2
else
    DB_URL=sqlite:///$OUT/db.sqlite3
    rm -f "$OUT"/db.sqlite3 "$OUT"/db.sqlite3-wal "$OUT"/db.sqlite3-shm
fi
export TRACKER_DATABASE=$DB_URL TRACKER_AGREEMENTS=$OUT/agreements

cleanup() {
    # Only the server we started: uvicorn's parent stops its own workers on TERM.
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -f "$LAST" "$LAST.err"
}
trap cleanup EXIT

log() { echo "== $*" >&2; }

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

# A wrk latency ("812.00us", "3.41ms", "1.02s", "1.10m") in milliseconds.
to_ms() {
    awk -v x="$1" 'BEGIN {
        if (x ~ /us$/) v = x / 1000; else if (x ~ /ms$/) v = x + 0;
        else if (x ~ /m$/) v = x * 60000; else v = x * 1000;
        printf "%.1f", v }'
}

# "RSS PSS" in MB, summed over a process and all its descendants (uvicorn's
# parent, its workers and multiprocessing's resource tracker). PSS shares out
# the pages the processes have in common, so it is the fairer total.
tree_mem_mb() {
    local pids=("$1") i=0 kid pid
    while ((i < ${#pids[@]})); do
        for kid in $(ps -o pid= --ppid "${pids[i]}"); do pids+=("$kid"); done
        i=$((i + 1))
    done
    for pid in "${pids[@]}"; do cat "/proc/$pid/smaps_rollup"; done |
        awk '$1 == "Rss:" { r += $2 } $1 == "Pss:" { p += $2 } END { printf "%.0f %.0f", r / 1024, p / 1024 }'
}

# Median req/s, p50 and p99 (ms) of $RUNS wrk runs on one URL, after a 3 s warm-up.
load() {
    local url=$1 out rps=() p50=() p99=()
    curl -fsS -o /dev/null "$url" # a 404/500 page would be fast and meaningless
    wrk -t2 -c8 -d3s "$url" >/dev/null
    for _ in $(seq "$RUNS"); do
        out=$(wrk -t2 -c8 -d15s --latency "$url")
        if grep -q -e 'Non-2xx' -e 'Socket errors' <<<"$out"; then
            log "wrk reported errors on $url:"$'\n'"$out"
            exit 1
        fi
        rps+=("$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")")
        p50+=("$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")")
        p99+=("$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")")
        log "  $url: ${rps[-1]} req/s, p50 ${p50[-1]} ms, p99 ${p99[-1]} ms"
    done
    echo "$(median "${rps[@]}") $(median "${p50[@]}") $(median "${p99[@]}") $(IFS=/; echo "${rps[*]}")"
}

# ------------------------------------------------------------ data and sync
log "generating dataset $DATASET"
DOC=$($PY bench/generate.py "$DATASET" --out "$OUT")
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

# ------------------------------------------------------------------ serving
log "starting tracker serve --workers 2 on port $PORT"
"$TRACKER" serve --workers 2 --no-sync --port "$PORT" >"$OUT/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
    curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/serve.log" >&2; exit 1; }
    sleep 0.2
done
curl -fsS -o /dev/null "$BASE/healthz" || { tail -20 "$OUT/serve.log" >&2; exit 1; }

log "load on /d/$DOC"
DOC_LOAD=$(load "$BASE/d/$DOC")
log "load on /d/$ACTION"
ACT_LOAD=$(load "$BASE/d/$ACTION")
MEM=$(tree_mem_mb "$SERVER_PID")
read -r RSS PSS <<<"$MEM"
read -r DOC_RPS DOC_P50 DOC_P99 DOC_RUNS <<<"$DOC_LOAD"
read -r ACT_RPS ACT_P50 ACT_P99 ACT_RUNS <<<"$ACT_LOAD"

# ------------------------------------------------------------------ results
RESULTS=$(
    cat <<EOF
## Dataset $DATASET, ${DB_URL%%:*}, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)$([[ -z $(git status --porcelain -- tracker templates) ]] || echo " (tracker/ or templates/ modified)")

$(nproc) cores; \`tracker serve --workers 2\`; \`wrk -t2 -c8 -d15s\` after a 3 s warm-up, median of $RUNS runs.

| measure | result | budget |
|---|---|---|
| cold sync ($FILES files) | $COLD s | < 3 s |
| no-op re-sync (median of $RUNS) | $NOOP s | < 0.5 s |
| \`/d/$DOC\` | $DOC_RPS req/s, p50 $DOC_P50 ms, p99 $DOC_P99 ms (runs: $DOC_RUNS req/s) | ≥ 400 req/s, p99 < 50 ms |
| \`/d/$ACTION\` | $ACT_RPS req/s, p50 $ACT_P50 ms, p99 $ACT_P99 ms (runs: $ACT_RUNS req/s) | |
| RSS, all server processes (PSS) | $RSS MB ($PSS MB) | < 150 MB |
EOF
)
echo "$RESULTS"
echo "$RESULTS" >"bench/out/$DATASET-results.md"
