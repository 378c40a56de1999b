#!/usr/bin/env bash
# Restore speed: a Lifeboat restore through its API against createdb + pg_restore -j2 of a pg_dump -Fc file,
# on the same mid-size database in a private PostgreSQL cluster. See bench/README.md.
#
#   bench/restore-speed.sh setup     cluster, database, Lifeboat, one Lifeboat backup and the pg_dump -Fc file
#   bench/restore-speed.sh restore   RS_REPEAT rounds of both restores (alternating first), each dropped after
#   bench/restore-speed.sh compare   medians of both and their ratio (target: <= 1.2)
#   bench/restore-speed.sh stop      stops Lifeboat and the cluster and removes the work folder
#   bench/restore-speed.sh all       all four in turn
#
# Settings (environment): RS_SCALE pgbench scale (30), RS_EXTRA_MB extra documents table (200),
# RS_REPEAT rounds (3), RS_WORK work folder (bench/work-restore), BENCH_JAVA_OPTS extra JVM options.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
SCALE=${RS_SCALE:-30}
EXTRA_MB=${RS_EXTRA_MB:-200}
REPEAT=${RS_REPEAT:-3}
WORK=${RS_WORK:-$HERE/work-restore}
PGBIN=${BENCH_PGBIN:-/usr/lib/postgresql/15/bin}
HELPER="python3 $HERE/bench.py"
DB=benchdb
SUPERUSER=bench
STATE=$WORK/state.env

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_service_user() {
    if [[ $(id -u) -eq 0 ]]; then (cd "$WORK" && runuser -u postgres -- "$@"); else (cd "$WORK" && "$@"); fi
}

load_state() {
    [[ -f $STATE ]] || die "no benchmark is set up in $WORK: run '$0 setup' first"
    # shellcheck disable=SC1090
    source "$STATE"
    export PGHOST=127.0.0.1 PGPORT PGUSER=$SUPERUSER PGPASSFILE=$WORK/pgpass PGDATABASE=postgres
    API=http://127.0.0.1:$HTTP_PORT/api
}

api() {  # method path [body-file] -> HTTP status; the body goes to $WORK/http/response.json
    local args=(-sS -o "$WORK/http/response.json" -w '%{http_code}' -X "$1" -H @"$WORK/http/auth" --max-time 7200)
    if [[ $# -ge 3 ]]; then args+=(-H 'Content-Type: application/json' --data-binary @"$3"); fi
    curl "${args[@]}" "$API$2"
}

expect_status() {  # expected actual what
    if [[ $2 != "$1" ]]; then
        cat "$WORK/http/response.json" >&2 || true
        die "$3: HTTP $2, expected $1; the Lifeboat log is $WORK/lifeboat.log"
    fi
}

drop_database() { psql -X -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CHECKPOINT"; }

setup() {
    for tool in "$PGBIN/initdb" "$PGBIN/pg_ctl" pg_dump pg_restore psql pgbench java curl python3; do
        command -v "$tool" >/dev/null || die "$tool is missing: install the PostgreSQL 15 server and client, a JDK 17, curl, python3"
    done
    [[ ! -e $WORK ]] || die "$WORK exists: run '$0 stop' first or set RS_WORK"
    if [[ ! -f $ROOT/target/lifeboat.war || ! -f $ROOT/target/payara-micro.jar ]]; then
        log "building Lifeboat"
        (cd "$ROOT" && mvn -q -o package -DskipTests) || die "the build failed: run 'mvn package -DskipTests'"
    fi
    mkdir -p "$WORK/dumps" "$WORK/tmp" "$WORK/http" && chmod 0755 "$WORK" && chmod 0700 "$WORK/http"
    WORK=$(cd "$WORK" && pwd)
    local password; password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
    PGPORT=$($HELPER freeport)
    mkdir -m 0700 "$WORK/pg"
    (umask 077 && printf '%s\n' "$password" >"$WORK/initdb.pw")
    [[ $(id -u) -ne 0 ]] || chown -R postgres:postgres "$WORK/pg" "$WORK/initdb.pw"
    as_service_user "$PGBIN/initdb" -D "$WORK/pg" -U "$SUPERUSER" --pwfile="$WORK/initdb.pw" --auth=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || die "initdb failed: see $WORK/initdb.log"
    rm -f "$WORK/initdb.pw"
    printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = ''\nshared_buffers = '512MB'\nmaintenance_work_mem = '256MB'\nmax_wal_size = '8GB'\ncheckpoint_timeout = '30min'\n" \
        "$PGPORT" >>"$WORK/pg/postgresql.auto.conf"
    as_service_user "$PGBIN/pg_ctl" start -w -t 60 -D "$WORK/pg" -l "$WORK/pg/server.log" >/dev/null ||
        die "the cluster did not start: see $WORK/pg/server.log"
    (umask 077 && printf '127.0.0.1:%s:*:%s:%s\n' "$PGPORT" "$SUPERUSER" "$password" >"$WORK/pgpass")
    export PGHOST=127.0.0.1 PGPORT PGUSER=$SUPERUSER PGPASSFILE=$WORK/pgpass PGDATABASE=postgres

    HTTP_PORT=$($HELPER freeport "$PGPORT")
    local catalog_port; catalog_port=$($HELPER freeport "$PGPORT" "$HTTP_PORT")
    mkdir -p -m 0755 "$WORK/lifeboat" "$WORK/lifeboat-backups"
    printf '%s\n' 'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1' \
        'set hazelcast-runtime-configuration.interface=127.0.0.1' >"$WORK/preboot.asadmin"
    log "starting Lifeboat on 127.0.0.1:$HTTP_PORT"
    # shellcheck disable=SC2086
    setsid java -Xmx512m -Djava.io.tmpdir="$WORK/tmp" -Dhazelcast.socket.bind.any=false ${BENCH_JAVA_OPTS:-} \
        -Dlifeboat.data="$WORK/lifeboat" -Dlifeboat.catalog.embedded.port="$catalog_port" \
        -Dlifeboat.destinations.local.path="$WORK/lifeboat-backups" \
        -jar "$ROOT/target/payara-micro.jar" --deploy "$ROOT/target/lifeboat.war" --contextroot / \
        --port "$HTTP_PORT" --nocluster --prebootcommandfile "$WORK/preboot.asadmin" \
        </dev/null >"$WORK/lifeboat.log" 2>&1 &
    LB_PID=$!
    printf 'PGPORT=%s\nHTTP_PORT=%s\nLB_PID=%s\n' "$PGPORT" "$HTTP_PORT" "$LB_PID" >"$STATE"

    log "creating $DB: pgbench -i -s $SCALE and a documents table of ~$EXTRA_MB MB"
    createdb "$DB"
    pgbench -i -q -s "$SCALE" "$DB" >"$WORK/pgbench.log" 2>&1 || die "pgbench -i failed: see $WORK/pgbench.log"
    psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -v rows="$((EXTRA_MB * 1000))" >"$WORK/documents.log" 2>&1 <<'SQL' || die "the documents table failed: see $WORK/documents.log"
CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL, body text NOT NULL, attrs jsonb NOT NULL,
                        payload bytea NOT NULL, created_at timestamptz NOT NULL);
INSERT INTO documents
SELECT g, 'Document ' || g, repeat(md5(g::text) || ' ', 20 + g % 20),
       jsonb_build_object('customer', g % 100000, 'status', (ARRAY['new', 'open', 'paid', 'closed'])[1 + g % 4],
                          'amount', round((random() * 10000)::numeric, 2)),
       (SELECT string_agg(uuid_send(gen_random_uuid()), ''::bytea) FROM generate_series(1, 16 + 0 * g)),
       timestamptz '2024-01-01' + g * interval '17 seconds'
FROM generate_series(1, :rows) AS g;
CREATE INDEX ON documents (created_at);
CREATE TABLE events (id bigserial PRIMARY KEY, account int NOT NULL, kind text NOT NULL, at timestamptz NOT NULL);
INSERT INTO events (account, kind, at)
SELECT g % 50000, (ARRAY['login', 'payment', 'logout'])[1 + g % 3], now() - g * interval '1 second'
FROM generate_series(1, 1000000) AS g;
VACUUM ANALYZE;
SQL
    psql -X -q -c CHECKPOINT
    log "$DB holds $(($(psql -X -At -d "$DB" -c "SELECT pg_database_size('$DB')") / 1000000)) MB"

    for ((i = 0; ; i++)); do
        grep -q "Payara Micro URLs" "$WORK/lifeboat.log" 2>/dev/null && break
        kill -0 "$LB_PID" 2>/dev/null || die "Lifeboat stopped while starting: see $WORK/lifeboat.log"
        ((i < 300)) || die "Lifeboat was not ready within 300 s: see $WORK/lifeboat.log"
        sleep 1
    done
    load_state
    (umask 077 && printf 'Authorization: Bearer %s\n' "$(tr -d '[:space:]' <"$WORK/lifeboat/admin-token")" >"$WORK/http/auth")
    (umask 077 && printf '{"name":"bench","host":"127.0.0.1","port":%s,"database":"%s","user":"%s","password":"%s"}' \
        "$PGPORT" "$DB" "$SUPERUSER" "$password" >"$WORK/http/target.json")
    expect_status 201 "$(api POST /targets "$WORK/http/target.json")" "registering the target"
    rm -f "$WORK/http/target.json"
    log "Lifeboat backup of $DB"
    expect_status 201 "$(api POST "/targets/bench/backups?wait=true")" "the Lifeboat backup"
    echo "BACKUP_ID=$($HELPER field "$WORK/http/response.json" id)" >>"$STATE"
    log "pg_dump -Fc (default compression) of $DB"
    pg_dump -Fc -d "$DB" -f "$WORK/dumps/custom.dump"
    log "warm-up: one Lifeboat restore (not timed)"
    restore_lifeboat && drop_database restore_lifeboat
    : >"$WORK/raw.txt"
    log "set up; next: $0 restore"
}

restore_lifeboat() {
    # shellcheck disable=SC1090
    source "$STATE"
    (umask 077 && printf '{"backupId":"%s","database":"restore_lifeboat"}' "$BACKUP_ID" >"$WORK/http/restore.json")
    expect_status 201 "$(api POST "/restores?wait=true" "$WORK/http/restore.json")" "the Lifeboat restore"
}

restore_pgrestore() {
    createdb restore_pgrestore
    pg_restore -j2 --exit-on-error -d restore_pgrestore "$WORK/dumps/custom.dump"
}

timed() {  # key command...
    local key=$1; shift
    local start=$EPOCHREALTIME
    "$@"
    local took; took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
    echo "$key $took" >>"$WORK/raw.txt"
    log "  $key: $took s"
}

restore() {
    load_state
    for ((round = 0; round < REPEAT; round++)); do
        log "round $((round + 1)) of $REPEAT"
        if ((round % 2 == 0)); then
            timed restore.lifeboat restore_lifeboat; drop_database restore_lifeboat
            timed restore.pgrestore restore_pgrestore; drop_database restore_pgrestore
        else
            timed restore.pgrestore restore_pgrestore; drop_database restore_pgrestore
            timed restore.lifeboat restore_lifeboat; drop_database restore_lifeboat
        fi
    done
    log "phases of the last Lifeboat restore (its run log):"
    api GET "/runs?target=bench&limit=1" >/dev/null
    python3 -c 'import json, sys
for line in json.load(open(sys.argv[1]))[0]["log"]:
    if " in " in line and line.rstrip().endswith((" s", "lists")) or "data streams" in line:
        print("   ", line[line.find("read in"):] if "read in" in line else line)' "$WORK/http/response.json" >&2
}

compare() {
    load_state
    python3 - "$WORK/raw.txt" "$(psql -X -At -c "SELECT pg_database_size('$DB')")" <<'PY'
import statistics, sys
values = {}
for line in open(sys.argv[1]):
    key, value = line.split()
    values.setdefault(key, []).append(float(value))
lb, pg = values.get("restore.lifeboat"), values.get("restore.pgrestore")
if not lb or not pg:
    sys.exit("no measurements yet: run restore-speed.sh restore")
print(f"database {int(sys.argv[2]) / 1e6:.0f} MB")
print(f"Lifeboat API restore          median {statistics.median(lb):7.2f} s   runs {' '.join(f'{x:.2f}' for x in lb)}")
print(f"createdb + pg_restore -j2     median {statistics.median(pg):7.2f} s   runs {' '.join(f'{x:.2f}' for x in pg)}")
r = statistics.median(lb) / statistics.median(pg)
print(f"ratio {r:.2f} x (target <= 1.2: {'PASS' if r <= 1.2 else 'FAIL'})")
PY
}

stop() {
    [[ -f $STATE ]] || { log "nothing to stop in $WORK"; return 0; }
    # shellcheck disable=SC1090
    source "$STATE"
    if kill -0 "$LB_PID" 2>/dev/null; then
        log "stopping Lifeboat ($LB_PID)"
        kill -TERM "$LB_PID"
        for _ in $(seq 1 120); do kill -0 "$LB_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$LB_PID" 2>/dev/null || true
    fi
    for cluster in "$WORK/lifeboat/catalog/cluster" "$WORK/pg"; do
        [[ ! -f $cluster/postmaster.pid ]] || as_service_user "$PGBIN/pg_ctl" stop -w -m fast -D "$cluster" >/dev/null || true
    done
    rm -rf "$WORK"
    log "stopped and removed $WORK"
}

case ${1:-} in
    setup) setup ;;
    restore) restore ;;
    compare) compare ;;
    stop) stop ;;
    all) setup && restore && compare && stop ;;
    *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
