#!/usr/bin/env bash
# Lifeboat benchmark: backups and restores through Lifeboat's API against the hand-made pipelines,
# all on the same database in one private PostgreSQL cluster. See bench/README.md.
#
#   bench/run.sh                                   full size (pgbench scale 150 + 1 GB mixed table, ~3 GB)
#   BENCH_SCALE=10 BENCH_EXTRA_MB=100 bench/run.sh  quick run (~1-2 minutes)
#
# Settings (environment):
#   BENCH_SCALE       pgbench scale factor (150; 1 = 100 000 accounts, about 15 MB)
#   BENCH_EXTRA_MB    approximate size of the extra table of text, jsonb and random bytea (1024)
#   BENCH_REPEAT      measurements per step; the table shows the median (1)
#   BENCH_WORK        work folder (bench/work); removed at the end unless BENCH_KEEP=1
#   BENCH_KEEP        1 keeps the work folder (dumps, logs) after the run (0)
#   BENCH_ZSTD_THREADS  threads of the zstd reference pipeline (2)
#   BENCH_JAVA_OPTS   extra JVM options for Lifeboat, e.g. -Dlifeboat.backups.zstd-workers=2
#   BENCH_JAVA        the java that runs Lifeboat: a binary or a JDK folder (java on the PATH), e.g.
#                     /usr/lib/jvm/temurin-25-jdk-amd64 (its ChaCha20-Poly1305 is many times faster than JDK 17's)
#   BENCH_READY_TIMEOUT seconds to wait for Lifeboat to start (300)
#   BENCH_RESULT      where to write the results table (bench/results/latest.txt)
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
SCALE=${BENCH_SCALE:-150}
EXTRA_MB=${BENCH_EXTRA_MB:-1024}
REPEAT=${BENCH_REPEAT:-1}
WORK=${BENCH_WORK:-$HERE/work}
KEEP=${BENCH_KEEP:-0}
ZSTD_THREADS=${BENCH_ZSTD_THREADS:-2}
READY_TIMEOUT=${BENCH_READY_TIMEOUT:-300}
RESULT=${BENCH_RESULT:-$HERE/results/latest.txt}
PGBIN=${BENCH_PGBIN:-/usr/lib/postgresql/15/bin}
HELPER="python3 $HERE/bench.py"
LB_JAVA=${BENCH_JAVA:-java}
[[ -d $LB_JAVA ]] && LB_JAVA=$LB_JAVA/bin/java
DB=benchdb
SUPERUSER=bench

LB_PID=""
SAMPLER_PID=""
S3_PID=""
BACKGROUND_PIDS=()

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Runs a server command as the postgres user when we are root (PostgreSQL refuses to run as root).
as_service_user() {
    if [[ $(id -u) -eq 0 ]]; then (cd "$WORK" && runuser -u postgres -- "$@"); else (cd "$WORK" && "$@"); fi
}

hand_to_service_user() {
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$@"; fi
}

stop_cluster() {  # folder
    if [[ -f $1/postmaster.pid ]]; then
        log "stopping the cluster in $1"
        as_service_user "$PGBIN/pg_ctl" stop -w -m fast -t 60 -D "$1" >/dev/null 2>&1 ||
            as_service_user "$PGBIN/pg_ctl" stop -w -m immediate -D "$1" >/dev/null 2>&1 || true
    fi
}

stop_sampler() {
    if [[ -n $SAMPLER_PID ]]; then
        kill "$SAMPLER_PID" 2>/dev/null || true
        wait "$SAMPLER_PID" 2>/dev/null || true
        SAMPLER_PID=""
    fi
}

stop_lifeboat() {
    if [[ -n $LB_PID ]] && kill -0 "$LB_PID" 2>/dev/null; then
        log "stopping Lifeboat (SIGTERM to $LB_PID)"
        kill -TERM "$LB_PID" 2>/dev/null || true
        for _ in $(seq 1 120); do kill -0 "$LB_PID" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$LB_PID" 2>/dev/null; then
            log "Lifeboat did not stop within 60 s: SIGKILL"
            kill -KILL "$LB_PID" 2>/dev/null || true
        fi
        wait "$LB_PID" 2>/dev/null || true
    fi
    LB_PID=""
    # Lifeboat stops its embedded catalog cluster itself; this covers a Lifeboat that was killed.
    stop_cluster "$WORK/lifeboat/catalog/cluster"
}

cleanup() {
    local status=$?
    set +e
    trap - EXIT INT TERM
    stop_sampler
    for pid in "${BACKGROUND_PIDS[@]}" $S3_PID; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    stop_lifeboat
    stop_cluster "$WORK/pg"
    if [[ $KEEP == 1 ]]; then
        log "kept the work folder $WORK (BENCH_KEEP=1)"
    elif [[ -f $WORK/.bench-work ]]; then
        rm -rf "$WORK"
    fi
    [[ $status -ne 0 ]] && log "the benchmark failed (exit $status); logs are in $WORK when BENCH_KEEP=1"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

elapsed() {  # start end -> seconds with 3 decimals
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'
}

record() {  # key value
    echo "$1 $2" >>"$RAW"
}

# Runs "$@" and records its wall time under the key.
timed() {
    local key=$1; shift
    local start=$EPOCHREALTIME
    "$@"
    local took; took=$(elapsed "$start" "$EPOCHREALTIME")
    record "$key" "$took"
    log "  $key: $took s"
}

size_of() { stat -c %s "$1"; }

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

drop_database() {
    psql_admin -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CHECKPOINT"
}

# ---------------------------------------------------------------- preconditions
for tool in "$PGBIN/initdb" "$PGBIN/pg_ctl" pg_dump pg_restore psql pgbench zstd gzip java "$LB_JAVA" curl python3 age-keygen; do
    command -v "$tool" >/dev/null || die "$tool is missing: install it (PostgreSQL 15 server and client, zstd, age, a JDK 17, curl, python3)"
done
[[ $SCALE =~ ^[0-9]+$ && $SCALE -ge 1 ]] || die "BENCH_SCALE must be a whole number >= 1, not '$SCALE'"
[[ $EXTRA_MB =~ ^[0-9]+$ ]] || die "BENCH_EXTRA_MB must be a whole number of megabytes, not '$EXTRA_MB'"
[[ $REPEAT =~ ^[0-9]+$ && $REPEAT -ge 1 ]] || die "BENCH_REPEAT must be a whole number >= 1, not '$REPEAT'"

if [[ ! -f $ROOT/target/lifeboat.war || ! -f $ROOT/target/payara-micro.jar || ! -f $ROOT/target/s3proxy.jar ]]; then
    log "building Lifeboat (mvn -q -o package -DskipTests)"
    (cd "$ROOT" && mvn -q -o package -DskipTests) || die "the build failed: run 'mvn package -DskipTests' in $ROOT and fix it"
fi

if [[ -e $WORK && ! -f $WORK/.bench-work ]] && [[ -n $(ls -A "$WORK" 2>/dev/null) ]]; then
    die "$WORK exists and is not a benchmark work folder: choose another BENCH_WORK or empty it"
fi
if [[ -f $WORK/.bench-work ]]; then
    log "removing the work folder of an earlier run"
    stop_cluster "$WORK/lifeboat/catalog/cluster"
    stop_cluster "$WORK/pg"
    rm -rf "$WORK"
fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
touch "$WORK/.bench-work"
chmod 0755 "$WORK"
mkdir -p "$WORK/dumps" "$WORK/tmp" "$WORK/http"
chmod 0700 "$WORK/http"
if [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$WORK"; then
    die "the postgres user cannot reach $WORK: make its parent folders traversable (chmod o+x) or set BENCH_WORK"
fi
RAW=$WORK/raw.txt
ENVFILE=$WORK/environment.txt
: >"$RAW"

# The sources the benchmark runs, taken now: they may change while it runs.
LIFEBOAT_VERSION="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (with local changes)')"

# ---------------------------------------------------------------- 1. cluster and data
PGPORT=$($HELPER freeport)
PASSWORD=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')
log "creating a PostgreSQL 15 cluster in $WORK/pg on 127.0.0.1:$PGPORT"
mkdir -m 0700 "$WORK/pg"
printf '%s\n' "$PASSWORD" >"$WORK/initdb.pw"
chmod 0600 "$WORK/initdb.pw"
hand_to_service_user "$WORK/pg" "$WORK/initdb.pw"
as_service_user "$PGBIN/initdb" -D "$WORK/pg" -U "$SUPERUSER" --pwfile="$WORK/initdb.pw" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || die "initdb failed: see $WORK/initdb.log"
rm -f "$WORK/initdb.pw"
cat >>"$WORK/pg/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = ''
shared_buffers = '512MB'
maintenance_work_mem = '256MB'
max_wal_size = '8GB'
checkpoint_timeout = '30min'
EOF
as_service_user "$PGBIN/pg_ctl" start -w -t 60 -D "$WORK/pg" -l "$WORK/pg/server.log" >/dev/null ||
    die "the cluster did not start: see $WORK/pg/server.log"

export PGHOST=127.0.0.1 PGPORT PGUSER=$SUPERUSER PGPASSFILE=$WORK/pgpass PGDATABASE=postgres
(umask 077 && printf '127.0.0.1:%s:*:%s:%s\n' "$PGPORT" "$SUPERUSER" "$PASSWORD" >"$PGPASSFILE")

# An S3-compatible server (s3proxy, filesystem backend) on 127.0.0.1 for the offsite copy, with random keys that
# reach Lifeboat as secrets through its environment, never through arguments.
S3_PORT=$($HELPER freeport "$PGPORT")
S3_ACCESS=$(python3 -c 'import secrets; print(secrets.token_hex(10))')
S3_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(30))')
mkdir -p -m 0700 "$WORK/s3/bench"
(umask 077 && printf '%s\n' "s3proxy.endpoint=http://127.0.0.1:$S3_PORT" "s3proxy.authorization=aws-v2-or-v4" \
    "s3proxy.identity=$S3_ACCESS" "s3proxy.credential=$S3_SECRET" "jclouds.provider=filesystem" \
    "jclouds.filesystem.basedir=$WORK/s3" >"$WORK/s3proxy.conf")
log "starting s3proxy on 127.0.0.1:$S3_PORT (objects in $WORK/s3)"
"$LB_JAVA" -Xmx512m -jar "$ROOT/target/s3proxy.jar" --properties "$WORK/s3proxy.conf" </dev/null >"$WORK/s3proxy.log" 2>&1 &
S3_PID=$!

# Lifeboat boots (about 20 s plus its own embedded cluster) while the data is generated.
LB_DATA=$WORK/lifeboat
LB_BACKUPS=$WORK/lifeboat-backups
HTTP_PORT=$($HELPER freeport "$PGPORT" "$S3_PORT")
CATALOG_PORT=$($HELPER freeport "$PGPORT" "$S3_PORT" "$HTTP_PORT")
mkdir -p -m 0755 "$LB_DATA" "$LB_BACKUPS"
# Payara Micro listens on every interface unless told otherwise: HTTP and its local Hazelcast member
# (port 6900 and up) are bound to 127.0.0.1 here (with -Dhazelcast.socket.bind.any=false below).
cat >"$WORK/preboot.asadmin" <<'EOF'
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1
set hazelcast-runtime-configuration.interface=127.0.0.1
EOF
log "starting Lifeboat on 127.0.0.1:$HTTP_PORT (data in $LB_DATA, embedded catalog on port $CATALOG_PORT)"
# shellcheck disable=SC2086
LIFEBOAT_SECRETS_BENCH_S3_ACCESS=$S3_ACCESS LIFEBOAT_SECRETS_BENCH_S3_SECRET=$S3_SECRET \
"$LB_JAVA" -Xmx512m -Djava.io.tmpdir="$WORK/tmp" -Dhazelcast.socket.bind.any=false ${BENCH_JAVA_OPTS:-} \
    -Dlifeboat.data="$LB_DATA" -Dlifeboat.catalog.embedded.port="$CATALOG_PORT" \
    -Dlifeboat.destinations.local.path="$LB_BACKUPS" \
    -jar "$ROOT/target/payara-micro.jar" --deploy "$ROOT/target/lifeboat.war" --contextroot / \
    --port "$HTTP_PORT" --nocluster --prebootcommandfile "$WORK/preboot.asadmin" \
    </dev/null >"$WORK/lifeboat.log" 2>&1 &
LB_PID=$!

log "creating $DB: pgbench -i -s $SCALE and the documents table (~$EXTRA_MB MB), in parallel"
createdb "$DB"
pgbench -i -q -s "$SCALE" "$DB" >"$WORK/pgbench.log" 2>&1 &
BACKGROUND_PIDS+=($!)
# About 1 KB a row: a title and a body of words, a jsonb document, 256 random bytes.
ROWS=$((EXTRA_MB * 1000))
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -v rows="$ROWS" >"$WORK/documents.log" 2>&1 <<'SQL' || die "generating the documents table failed: see $WORK/documents.log"
CREATE TABLE documents (
    id         bigint PRIMARY KEY,
    title      text        NOT NULL,
    body       text        NOT NULL,
    attrs      jsonb       NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL
);
INSERT INTO documents
SELECT g,
       'Document ' || g || ' about ' || w.words[1 + g % 40],
       (SELECT string_agg(w.words[1 + floor(random() * 40)::int + 0 * n], ' ') FROM generate_series(1, 55 + g % 10) AS n),
       jsonb_build_object(
           'customer', jsonb_build_object('id', g % 100000, 'name', initcap(w.words[1 + g % 40]) || ' ' || g % 977,
                                          'email', 'user' || g % 100000 || '@example.org'),
           'tags', jsonb_build_array(w.words[1 + g % 40], w.words[1 + g % 37], w.words[1 + g % 31]),
           'amount', round((random() * 10000)::numeric, 2),
           'status', (ARRAY['new', 'open', 'paid', 'shipped', 'closed'])[1 + g % 5],
           'checksum', md5(g::text)),
       (SELECT string_agg(uuid_send(gen_random_uuid()), ''::bytea ORDER BY n) FROM generate_series(1, 16 + 0 * g) AS n),
       timestamptz '2024-01-01' + g * interval '17 seconds'
FROM generate_series(1, :rows) AS g,
     (SELECT ARRAY['backup', 'restore', 'database', 'server', 'table', 'index', 'query', 'schema', 'column',
                   'invoice', 'customer', 'order', 'payment', 'shipment', 'account', 'balance', 'ledger',
                   'report', 'monthly', 'weekly', 'daily', 'archive', 'secure', 'offsite', 'retention',
                   'policy', 'snapshot', 'cluster', 'replica', 'primary', 'failover', 'network', 'storage',
                   'volume', 'bucket', 'upload', 'download', 'deploy', 'release', 'version'] AS words) AS w;
VACUUM ANALYZE documents;
SQL
wait "${BACKGROUND_PIDS[0]}" || die "pgbench -i failed: see $WORK/pgbench.log"
BACKGROUND_PIDS=()
psql_admin -c "VACUUM ANALYZE" -d "$DB"
psql_admin -c "CHECKPOINT"
DB_SIZE=$(psql -X -At -d "$DB" -c "SELECT pg_database_size(current_database())")
log "$DB holds $((DB_SIZE / 1000000)) MB"

# ---------------------------------------------------------------- Lifeboat ready, target registered
log "waiting for Lifeboat to be ready"
for ((i = 0; ; i++)); do
    grep -q "Payara Micro URLs" "$WORK/lifeboat.log" 2>/dev/null && break
    kill -0 "$LB_PID" 2>/dev/null || die "Lifeboat stopped while starting: see $WORK/lifeboat.log"
    ((i < READY_TIMEOUT)) || die "Lifeboat was not ready within $READY_TIMEOUT s: see $WORK/lifeboat.log"
    sleep 1
done
[[ -f $LB_DATA/admin-token ]] || die "Lifeboat started but wrote no $LB_DATA/admin-token: see $WORK/lifeboat.log"
API=http://127.0.0.1:$HTTP_PORT/api
# The token and the password go to curl in files, never in its arguments.
(umask 077 && printf 'Authorization: Bearer %s\n' "$(tr -d '[:space:]' <"$LB_DATA/admin-token")" >"$WORK/http/auth")

api() {  # method path [body-file] -> prints the HTTP status; the body goes to $WORK/http/response.json
    local args=(-sS -o "$WORK/http/response.json" -w '%{http_code}' -X "$1" -H @"$WORK/http/auth"
        --max-time 7200)
    if [[ $# -ge 3 ]]; then args+=(-H 'Content-Type: application/json' --data-binary @"$3"); fi
    curl "${args[@]}" "$API$2"
}

expect_status() {  # expected actual what
    if [[ $2 != "$1" ]]; then
        log "$3: HTTP $2, expected $1:"
        cat "$WORK/http/response.json" >&2 || true
        echo >&2
        die "$3 failed; the Lifeboat log is $WORK/lifeboat.log"
    fi
}

(umask 077 && printf '{"name":"bench","host":"127.0.0.1","port":%s,"database":"%s","user":"%s","password":"%s","format":"CUSTOM_ZSTD"}' \
    "$PGPORT" "$DB" "$SUPERUSER" "$PASSWORD" >"$WORK/http/target.json")
expect_status 201 "$(api POST /targets "$WORK/http/target.json")" "registering the target"
rm -f "$WORK/http/target.json"
expect_status 200 "$(api POST /targets/bench/test)" "testing the target"
log "target registered: $(cat "$WORK/http/response.json")"

# The same database as a second target whose backups are encrypted with age for one X25519 public key and
# written both to the local folder and to the S3 bucket: the offsite case.
printf '{"name":"offsite","kind":"S3","location":"s3://bench/lifeboat?endpoint=http%%3A%%2F%%2F127.0.0.1%%3A%s&pathStyle=true&accessKeyAlias=bench-s3-access&secretKeyAlias=bench-s3-secret"}' \
    "$S3_PORT" >"$WORK/http/destination.json"
expect_status 201 "$(api POST /destinations "$WORK/http/destination.json")" "registering the S3 destination"
expect_status 200 "$(api POST /destinations/offsite/test)" "testing the S3 destination"
age-keygen -o "$WORK/http/age-key.txt" 2>/dev/null
AGE_RECIPIENT=$(age-keygen -y "$WORK/http/age-key.txt")
(umask 077 && printf '{"name":"bench-age","host":"127.0.0.1","port":%s,"database":"%s","user":"%s","password":"%s","format":"CUSTOM_ZSTD","destinations":["local","offsite"]}' \
    "$PGPORT" "$DB" "$SUPERUSER" "$PASSWORD" >"$WORK/http/target.json")
expect_status 201 "$(api POST /targets "$WORK/http/target.json")" "registering the target bench-age"
rm -f "$WORK/http/target.json"
printf '{"recipients":["%s"]}' "$AGE_RECIPIENT" >"$WORK/http/encryption.json"
expect_status 200 "$(api PUT /targets/bench-age/encryption "$WORK/http/encryption.json")" "encrypting bench-age"
log "target bench-age encrypted for $AGE_RECIPIENT, copied to the local folder and to S3"

# ---------------------------------------------------------------- 2./3. measurements
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$LB_PID/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$LB_PID/status"; }

start_sampler() {  # samples VmRSS every 0.2 s; the peak ends up in $WORK/rss.peak
    local file=$WORK/rss.peak
    rss_kb >"$file"
    (
        peak=$(cat "$file")
        while :; do
            now=$(awk '/^VmRSS:/ { print $2 }' "/proc/$LB_PID/status" 2>/dev/null) || exit 0
            if ((now > peak)); then peak=$now; echo "$peak" >"$file"; fi
            sleep 0.2
        done
    ) &
    SAMPLER_PID=$!
}

LAST_BACKUP=""
backup_lifeboat() {
    local status
    status=$(api POST "/targets/bench/backups?wait=true")
    expect_status 201 "$status" "the Lifeboat backup"
}

step_backup_lifeboat() {
    local before hwm_before
    before=$(rss_kb)
    hwm_before=$(hwm_kb)
    start_sampler
    timed backup.lifeboat backup_lifeboat
    stop_sampler
    local peak; peak=$(cat "$WORK/rss.peak")
    record rss.before_backup_kb "$before"
    record rss.peak_backup_kb "$peak"
    record rss.growth_backup_kb $((peak - before))
    log "  VmRSS before $((before / 1024)) MB, peak $((peak / 1024)) MB; VmHWM $((hwm_before / 1024)) -> $(($(hwm_kb) / 1024)) MB"
    local id size
    id=$($HELPER field "$WORK/http/response.json" id)
    size=$($HELPER field "$WORK/http/response.json" sizeBytes)
    record size.lifeboat "$size"
    if [[ -n $LAST_BACKUP ]]; then  # keep one backup: the disk holds each dump once
        expect_status 204 "$(api DELETE "/backups/$LAST_BACKUP")" "deleting the previous backup"
    fi
    LAST_BACKUP=$id
}

LAST_AGE_BACKUP=""
backup_lifeboat_age() {
    expect_status 201 "$(api POST "/targets/bench-age/backups?wait=true")" "the encrypted Lifeboat backup"
}

step_backup_lifeboat_age() {
    timed backup.lifeboat_age backup_lifeboat_age
    local id; id=$($HELPER field "$WORK/http/response.json" id)
    record size.lifeboat_age "$($HELPER field "$WORK/http/response.json" sizeBytes)"
    if [[ -n $LAST_AGE_BACKUP ]]; then
        expect_status 204 "$(api DELETE "/backups/$LAST_AGE_BACKUP")" "deleting the previous encrypted backup"
    fi
    LAST_AGE_BACKUP=$id
}

dump_zstd() { pg_dump -Fc -Z0 -d "$DB" | zstd -3 -T"$ZSTD_THREADS" -q -c >"$WORK/dumps/dump.pgc.zst"; }
dump_gzip() { pg_dump -d "$DB" | gzip >"$WORK/dumps/plain.sql.gz"; }
dump_custom() { pg_dump -Fc -d "$DB" >"$WORK/dumps/custom.dump"; }
dump_read() { pg_dump -Fc -Z0 -d "$DB" >/dev/null; }  # the read limit: what any pipeline after pg_dump starts from

step_backup_zstd() { timed backup.zstd dump_zstd; record size.zstd "$(size_of "$WORK/dumps/dump.pgc.zst")"; }
step_backup_gzip() { timed backup.gzip dump_gzip; record size.gzip "$(size_of "$WORK/dumps/plain.sql.gz")"; }
step_backup_read() { timed backup.read dump_read; }
step_backup_custom() { timed backup.custom dump_custom; record size.custom "$(size_of "$WORK/dumps/custom.dump")"; }

restore_lifeboat() {
    (umask 077 && printf '{"backupId":"%s","database":"restore_lifeboat"}' "$LAST_BACKUP" >"$WORK/http/restore.json")
    expect_status 201 "$(api POST "/restores?wait=true" "$WORK/http/restore.json")" "the Lifeboat restore"
}
restore_psql() {
    createdb restore_psql
    psql -q -X -v ON_ERROR_STOP=1 -d restore_psql -f "$WORK/dumps/plain.sql" >/dev/null
}
restore_pgrestore() {
    createdb restore_pgrestore
    pg_restore -j2 -d restore_pgrestore "$WORK/dumps/custom.dump"
}

step_restore_lifeboat() {
    local before; before=$(rss_kb)
    start_sampler
    timed restore.lifeboat restore_lifeboat
    stop_sampler
    record rss.growth_restore_kb $(($(cat "$WORK/rss.peak") - before))
    drop_database restore_lifeboat
}
step_restore_psql() { timed restore.psql restore_psql; drop_database restore_psql; }
step_restore_pgrestore() { timed restore.pgrestore restore_pgrestore; drop_database restore_pgrestore; }

BACKUP_STEPS=(step_backup_lifeboat step_backup_lifeboat_age step_backup_zstd step_backup_gzip step_backup_custom
              step_backup_read)
RESTORE_STEPS=(step_restore_lifeboat step_restore_psql step_restore_pgrestore)

# Before each step: the writes of the step before (dumps, dropped databases, a restore's tables and WAL) are
# flushed to disk and checkpointed, so that no step pays for the disk writes of another.
settle() {
    sync
    psql_admin -c "CHECKPOINT"
    sync
}

# Each round runs every step once, starting one step later than the round before, so that a slow
# phase of a noisy machine does not fall on the same step every time.
run_rounds() {  # step...
    local steps=("$@") n=$# round
    for ((round = 0; round < REPEAT; round++)); do
        log "round $((round + 1)) of $REPEAT"
        for ((k = 0; k < n; k++)); do
            settle
            "${steps[(round + k) % n]}"
        done
    done
}

# Untimed warm-up: one small Lifeboat backup (the demo target) so that the first timed backup does not
# pay for class loading and JIT compilation of the backup path; the demo backup is removed again.
log "warm-up: a Lifeboat backup of the demo target (not timed)"
expect_status 201 "$(api POST "/targets/demo/backups?wait=true")" "the warm-up backup of the demo target"
expect_status 204 "$(api DELETE "/backups/$($HELPER field "$WORK/http/response.json" id)")" "deleting the warm-up backup"

log "BACKUPS"
run_rounds "${BACKUP_STEPS[@]}"
log "decompressing plain.sql.gz for the psql restore (timed apart, not part of the restore)"
timed prepare.gunzip sh -c "gunzip -c '$WORK/dumps/plain.sql.gz' >'$WORK/dumps/plain.sql'"
# Untimed warm-up of the restores, so that no timed step is the first to load a database after the backups and
# gunzip's 2.7 GB: one pg_restore -j2 into a scratch database, dropped again.
log "warm-up: pg_restore -j2 into a scratch database (not timed)"
createdb restore_warmup
pg_restore -j2 -d restore_warmup "$WORK/dumps/custom.dump"
drop_database restore_warmup
log "RESTORES"
run_rounds "${RESTORE_STEPS[@]}"

# ---------------------------------------------------------------- 4. report
{
    echo "date            $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "lifeboat        $LIFEBOAT_VERSION"
    echo "machine         $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "postgresql      $(psql -X -At -c 'SHOW server_version'), $(pg_dump --version)"
    echo "java            $("$LB_JAVA" -version 2>&1 | head -1) (runs Lifeboat)"
    echo "database        $DB: pgbench scale $SCALE + documents ~$EXTRA_MB MB = $((DB_SIZE / 1000000)) MB (pg_database_size)"
    echo "repeat          $REPEAT (medians shown), zstd reference threads $ZSTD_THREADS"
    echo "lifeboat jvm    -Xmx512m ${BENCH_JAVA_OPTS:-}"
} >"$ENVFILE"
mkdir -p "$(dirname "$RESULT")"
$HELPER report "$RAW" "$ENVFILE" | tee "$RESULT"
log "results written to $RESULT"
