#!/usr/bin/env bash
# An empty PostgreSQL database for bench/run.sh, on the local cluster:
#
#   bench/run.sh M "$(bench/pgdb.sh)"
#
# Drops and recreates NAME (default tracker_bench) as role `tracker` (password
# `tracker`, CREATEDB) and prints its URL. run.sh needs an empty database: its
# cold sync must sync every file and its update counts start from zero.
# Only names starting with tracker_bench, so a typo can never drop the test
# suite's database or anyone else's.
set -euo pipefail

NAME=${1:-tracker_bench}
HOST=${PGHOST:-127.0.0.1}
PORT=${PGPORT:-5432}
export PGPASSWORD=${PGPASSWORD:-tracker}
if [[ ! $NAME =~ ^tracker_bench[a-z0-9_]*$ ]]; then
    echo "bench/pgdb.sh: refusing to recreate '$NAME' (names start with tracker_bench)" >&2
    exit 2
fi
# --force: a benchmark server killed mid-run may have left connections behind.
dropdb -h "$HOST" -p "$PORT" -U tracker --if-exists --force "$NAME"
createdb -h "$HOST" -p "$PORT" -U tracker "$NAME"
echo "postgresql://tracker:$PGPASSWORD@$HOST:$PORT/$NAME"
