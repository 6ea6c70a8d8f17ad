#!/usr/bin/env bash
# Sourced by scripts/run-tests.sh: a throwaway PostgreSQL cluster for the storage and broadcast tests.
#
#   pg_start   installs PostgreSQL with apt-get when it is missing (as root), starts a cluster on a free
#              127.0.0.1 port as a non-root user (PostgreSQL refuses to run as root) and exports
#              TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:PORT/postgres; returns 1, with a
#              notice, only when PostgreSQL cannot be installed or started.
#   pg_stop    stops the cluster and deletes its files (run-tests.sh calls it from an EXIT trap).

PG_DIR=""
PG_BIN=""
PG_USER=""

pg_notice() { printf '\n*** %s ***\n\n' "$*" >&2; }

pg_find_bin() {
    local initdb
    initdb=$(command -v initdb 2>/dev/null || true)
    if [ -z "$initdb" ]; then
        initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
    fi
    [ -n "$initdb" ] && [ -x "$initdb" ] && PG_BIN=$(dirname "$initdb")
}

pg_install() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        return 1
    fi
    echo "PostgreSQL is not installed: installing it with apt-get (for the PostgreSQL tests)" >&2
    # The package may also create (and start) its own "main" cluster on 5432; ours is separate.
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql >&2
}

pg_pick_user() {
    if [ "$(id -u)" != 0 ]; then
        PG_USER=$(id -un)
        return 0
    fi
    if ! id -u postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres || return 1
    fi
    PG_USER=postgres
}

pg_as_user() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u "$PG_USER" -- "$@")
    else
        "$@"
    fi
}

pg_start() {
    if ! pg_find_bin; then
        pg_install || true
        pg_find_bin || { pg_notice "SKIPPING the PostgreSQL tests: PostgreSQL is not installed and could not be installed"; return 1; }
    fi
    pg_pick_user || { pg_notice "SKIPPING the PostgreSQL tests: no non-root user to run PostgreSQL as"; return 1; }
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tutor-pg.XXXXXX")
    if [ "$(id -u)" = 0 ]; then chown "$PG_USER" "$PG_DIR"; fi
    local port
    port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') \
        || { pg_notice "could not pick a free port for PostgreSQL"; return 2; }
    if ! pg_as_user "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1; then
        cat "$PG_DIR/initdb.log" >&2
        pg_notice "could not create a PostgreSQL cluster (log above)"
        return 2
    fi
    if ! pg_as_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
            -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null; then
        cat "$PG_DIR/server.log" >&2
        pg_notice "could not start PostgreSQL (log above)"
        return 2
    fi
    export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') for the tests at $TEST_POSTGRES_URL" >&2
}

pg_stop() {
    if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
        if [ -f "$PG_DIR/data/postmaster.pid" ]; then
            pg_as_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PG_DIR"
    fi
    PG_DIR=""
}
