#!/usr/bin/env bash
# Start a private PostgreSQL 15 for tocsin (tests, local scale runs) and print its URL.
#
#   export TOCSIN_TEST_PG_URL="$(scripts/start-postgres.sh)"   # start (or reuse) it
#   scripts/start-postgres.sh stop                              # stop it
#
# Idempotent: installs Debian's postgresql if it is missing (needs root), initialises a
# cluster under $TOCSIN_PG_DIR (default /tmp/tocsin-pg), starts it on 127.0.0.1:$TOCSIN_PG_PORT
# (default 54329), creates role and database `tocsin` (password `tocsin`). When the server is
# already running it only checks the role and database. Progress goes to stderr; the URL is
# the only line on stdout, so it is also the last line.
set -euo pipefail

PORT="${TOCSIN_PG_PORT:-54329}"
ROOT="${TOCSIN_PG_DIR:-/tmp/tocsin-pg}"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
DATA="$ROOT/data"
SOCK="$ROOT/sock"
LOG="$ROOT/postgres.log"
URL="postgresql+psycopg://tocsin:tocsin@127.0.0.1:${PORT}/tocsin"

say() { echo "start-postgres: $*" >&2; }

# PostgreSQL refuses to run as root: as root, run the server tools as user postgres.
if [ "$(id -u)" -eq 0 ]; then
    RUN_AS=postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    RUN_AS="$(id -un)"
    as_pg() { "$@"; }
fi

if [ "${1:-start}" = stop ]; then
    if [ -x "$PGBIN/pg_ctl" ] && as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
    else
        say "not running"
    fi
    exit 0
fi

if [ ! -x "$PGBIN/pg_ctl" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        say "PostgreSQL 15 is not installed in $PGBIN and we are not root to install it"
        exit 1
    fi
    say "installing PostgreSQL 15 (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
fi

mkdir -p "$ROOT"
if [ "$(id -u)" -eq 0 ]; then
    chown "$RUN_AS": "$ROOT"
fi
as_pg mkdir -p "$SOCK"
as_pg chmod 700 "$SOCK"

if [ ! -s "$DATA/PG_VERSION" ]; then
    say "initialising a cluster in $DATA"
    as_pg "$PGBIN/initdb" -D "$DATA" -U postgres -E UTF8 --no-locale \
        --auth-local=trust --auth-host=scram-sha-256 >&2
fi

if as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    say "already running ($DATA)"
else
    say "starting on 127.0.0.1:$PORT (log: $LOG)"
    if ! as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $SOCK" start >&2; then
        tail -n 20 "$LOG" >&2 || true
        exit 1
    fi
fi

for _ in $(seq 1 60); do
    if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
        break
    fi
    sleep 0.5
done
if ! "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    say "server in $DATA is not accepting connections on 127.0.0.1:$PORT"
    exit 1
fi

psql_su() { as_pg "$PGBIN/psql" -h "$SOCK" -p "$PORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 "$@"; }
if [ "$(psql_su -c "SELECT 1 FROM pg_roles WHERE rolname = 'tocsin'")" != 1 ]; then
    say "creating role tocsin"
    psql_su -c "CREATE ROLE tocsin LOGIN PASSWORD 'tocsin'"
fi
if [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname = 'tocsin'")" != 1 ]; then
    say "creating database tocsin"
    psql_su -c "CREATE DATABASE tocsin OWNER tocsin ENCODING 'UTF8'"
fi

echo "$URL"
