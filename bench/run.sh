#!/usr/bin/env bash
# Clientele benchmarks: the real server jar on the system MariaDB of this machine, durable commits.
#
#   bench/run.sh [upsert] [lookup] [bulk] [ceiling] [floor]   (no argument = the first four; floor: the lookup route
#                                                              refused before the database, HTTP's own limit)
#
# Settings (environment): UPSERT_THREADS (16), LOOKUP_THREADS (32), WARMUP (60 s), DURATION (20 s per measured step),
# LOOKUP_SIZES (10000,1000000), SEED_THREADS (2), BULK_SIZE (10000), BULK_EXISTING (0.3), BULK_ROUNDS (3),
# BULK_WARMUP_ROUNDS (6, at least this many uploads before the measured ones, and for at least WARMUP seconds; not counted), BUFFER_POOL_MB (1024), REDO_LOG_MB (1024), SERVER_JAR (another
# server jar to measure, not rebuilt),
# NEW_SHARE (0.5, share of upserts that create), DB_HOST/DB_PORT (127.0.0.1:3306), BENCH_DB (clientele_bench),
# BENCH_DB_PASSWORD (for the fallback user bench@127.0.0.1), SERVER_JAVA_OPTS, BENCH_JAVA_OPTS, KEEP_DB=1 (keep the
# database after the run; by default it is dropped).
# The database BENCH_DB is dropped and recreated on every run. Output goes to the terminal and to
# bench/results/<timestamp>.txt; the server log to bench/results/server-<timestamp>.log (not committed).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$HERE")"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULT="$HERE/results/$STAMP.txt"
SERVER_LOG="$HERE/results/server-$STAMP.log"

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
BENCH_DB="${BENCH_DB:-clientele_bench}"
UPSERT_THREADS="${UPSERT_THREADS:-16}"
LOOKUP_THREADS="${LOOKUP_THREADS:-32}"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-20}"
LOOKUP_SIZES="${LOOKUP_SIZES:-10000,1000000}"
SEED_THREADS="${SEED_THREADS:-2}"
BULK_SIZE="${BULK_SIZE:-10000}"
BULK_EXISTING="${BULK_EXISTING:-0.3}"
BULK_ROUNDS="${BULK_ROUNDS:-3}"
BULK_WARMUP_ROUNDS="${BULK_WARMUP_ROUNDS:-6}"
NEW_SHARE="${NEW_SHARE:-0.5}"

SCENARIOS="upsert,lookup,bulk,ceiling"
if [ $# -gt 0 ]; then
  SCENARIOS="$(IFS=,; echo "$*")"
fi

mkdir -p "$HERE/results"

main() {
  echo "Clientele benchmark $STAMP (UTC); scenarios: $SCENARIOS"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(free -g | awk '/Mem:/{print $2}') GB RAM;" \
       "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"

  # ------------------------------------------------------------------ database access
  # root over TCP with an empty password (the service machine); else an app user created through the unix socket
  DB_USER=root
  DB_PASSWORD=""
  if mysql --protocol=TCP -h"$DB_HOST" -P"$DB_PORT" -uroot -e 'SELECT 1' >/dev/null 2>&1; then
    admin() { mysql --protocol=TCP -h"$DB_HOST" -P"$DB_PORT" -uroot -N -B "$@"; }
  else
    echo "root over TCP refused: creating bench@127.0.0.1 through the unix socket"
    DB_USER=bench
    DB_PASSWORD="${BENCH_DB_PASSWORD:-bench-$(id -u)-clientele}"
    admin() { mysql -uroot -N -B "$@"; }
    admin -e "CREATE USER IF NOT EXISTS 'bench'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
              ALTER USER 'bench'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
              GRANT ALL ON \`$BENCH_DB\`.* TO 'bench'@'127.0.0.1';"
  fi

  # durable commits: every commit flushes the redo log
  if [ "$(admin -e 'SELECT @@innodb_flush_log_at_trx_commit')" != "1" ]; then
    admin -e 'SET GLOBAL innodb_flush_log_at_trx_commit = 1'
  fi
  # the 1M-customer data set (~0.8 GB) in a 128 MB buffer pool (Debian's default) measures the disk cache, not the
  # server: grow the pool for the run (dynamic since MariaDB 10.2) and put it back on exit
  local pool_mb=$(( $(admin -e 'SELECT @@innodb_buffer_pool_size') / 1048576 ))
  if [ "$pool_mb" -lt "${BUFFER_POOL_MB:-1024}" ]; then
    ORIGINAL_POOL_BYTES=$(( pool_mb * 1048576 ))
    admin -e "SET GLOBAL innodb_buffer_pool_size = $(( ${BUFFER_POOL_MB:-1024} * 1048576 ))"
    sleep 2
  fi
  # a 10,000-customer upload writes tens of MB of redo; Debian's 96 MB log makes InnoDB flush pages in bursts to free
  # it (uploads of the same code then varied 1.6-3.2 s): grow it for the run where the server allows it (MariaDB
  # >= 10.9, dynamic) and put it back on exit
  local log_mb=$(( $(admin -e 'SELECT @@innodb_log_file_size') / 1048576 ))
  if [ "$log_mb" -lt "${REDO_LOG_MB:-1024}" ]; then
    if admin -e "SET GLOBAL innodb_log_file_size = $(( ${REDO_LOG_MB:-1024} * 1048576 ))" 2>/dev/null; then
      ORIGINAL_LOG_BYTES=$(( log_mb * 1048576 ))
    fi
  fi
  local flush
  flush="$(admin -e 'SELECT @@innodb_flush_log_at_trx_commit')"
  echo "database: $(admin -e 'SELECT VERSION()') at $DB_HOST:$DB_PORT as $DB_USER;" \
       "innodb_flush_log_at_trx_commit=$flush," \
       "innodb_buffer_pool_size=$(( $(admin -e 'SELECT @@innodb_buffer_pool_size') / 1048576 )) MB," \
       "innodb_log_file_size=$(( $(admin -e 'SELECT @@innodb_log_file_size') / 1048576 )) MB," \
       "log_bin=$(admin -e 'SELECT @@log_bin'), sync_binlog=$(admin -e 'SELECT @@sync_binlog')"
  if [ "$flush" != "1" ]; then
    echo "innodb_flush_log_at_trx_commit is $flush, not 1: refusing to measure" >&2
    exit 1
  fi
  admin -e "DROP DATABASE IF EXISTS \`$BENCH_DB\`; CREATE DATABASE \`$BENCH_DB\`;"

  # ------------------------------------------------------------------ jars
  local jar="${SERVER_JAR:-$ROOT/bootstrap/target/clientele.jar}"
  # rebuilt when missing, not the shaded one, or older than any main source or resource; always from clean:
  # re-shading over an earlier shaded jar keeps stale classes (BUILD-NOTES G5)
  if [ -n "${SERVER_JAR:-}" ]; then
    [ -f "$jar" ] || { echo "SERVER_JAR $jar does not exist" >&2; exit 1; }
  elif [ ! -f "$jar" ] || [ "$(stat -c %s "$jar")" -lt 10000000 ] \
     || [ -n "$(find "$ROOT"/domain "$ROOT"/application "$ROOT"/adapters-* "$ROOT"/bootstrap -path '*/src/main/*' \
                  -newer "$jar" -print -quit)" ]; then
    echo "building the server jar (./mvnw -q -DskipTests -DskipShade=false clean package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests -DskipShade=false clean package)
  fi
  local bench_jar="$HERE/target/clientele-bench.jar"
  if [ ! -f "$bench_jar" ] || [ -n "$(find "$HERE/src" "$HERE/pom.xml" -newer "$bench_jar" -print -quit)" ]; then
    echo "building the load generator (bench/: ../mvnw -q -o package)"
    (cd "$HERE" && ../mvnw -q -o package)
  fi

  # ------------------------------------------------------------------ server
  local port token jdbc
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  token="bench-operator-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  jdbc="jdbc:mysql://$DB_HOST:$DB_PORT/$BENCH_DB"
  DB_URL="$jdbc" DB_USER="$DB_USER" DB_PASSWORD="$DB_PASSWORD" CLIENTELE_OPERATOR_TOKEN="$token" PORT="$port" \
    java ${SERVER_JAVA_OPTS:-} -jar "$jar" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  # on exit: stop the server; drop the database (≈0.8 GB at 1M customers) unless KEEP_DB=1
  trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true;
        [ "${KEEP_DB:-0}" = 1 ] || admin -e "DROP DATABASE IF EXISTS \`$BENCH_DB\`" || true;
        [ -z "${ORIGINAL_POOL_BYTES:-}" ] || admin -e "SET GLOBAL innodb_buffer_pool_size = $ORIGINAL_POOL_BYTES" || true;
        [ -z "${ORIGINAL_LOG_BYTES:-}" ] || admin -e "SET GLOBAL innodb_log_file_size = $ORIGINAL_LOG_BYTES" || true' EXIT
  local base="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    if curl -sf "$base/health/readiness" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server exited; log: $SERVER_LOG" >&2; tail -20 "$SERVER_LOG" >&2; exit 1
    fi
    sleep 0.5
  done
  curl -sf "$base/health/readiness" >/dev/null || { echo "server not ready after 60 s" >&2; exit 1; }
  echo "server: $jar on port $port (pid $SERVER_PID, pool ${DB_POOL_SIZE:-20} connections), ready"
  [ -z "${SERVER_JAVA_OPTS:-}" ] || echo "server JVM options: $SERVER_JAVA_OPTS"

  # ------------------------------------------------------------------ tenant and key
  local tenant=bench key
  curl -sf -X POST "$base/v1/admin/tenants" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"id\":\"$tenant\",\"name\":\"Benchmark\",\"defaultRegion\":\"RU\",\"timeZone\":\"Europe/Moscow\",\"mergePolicy\":\"MERGE\"}" \
    >/dev/null
  key="$(curl -sf -X POST "$base/v1/admin/tenants/$tenant/api-keys" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"role":"admin"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')"
  echo "tenant '$tenant' with an admin key"

  # ------------------------------------------------------------------ load
  local db_pid
  db_pid="$(cat "$(admin -e 'SELECT @@pid_file')" 2>/dev/null || echo 0)"
  java ${BENCH_JAVA_OPTS:-} -jar "$bench_jar" \
    --base-url="$base" --key="$key" --tenant="$tenant" \
    --jdbc-url="$jdbc?rewriteBatchedStatements=true&sslMode=DISABLED&allowPublicKeyRetrieval=true&cachePrepStmts=true" \
    --db-user="$DB_USER" --db-password="$DB_PASSWORD" \
    --scenarios="$SCENARIOS" --upsert-threads="$UPSERT_THREADS" --lookup-threads="$LOOKUP_THREADS" \
    --warmup="$WARMUP" --duration="$DURATION" --lookup-sizes="$LOOKUP_SIZES" --seed-threads="$SEED_THREADS" \
    --bulk-size="$BULK_SIZE" --bulk-existing="$BULK_EXISTING" --bulk-rounds="$BULK_ROUNDS" --bulk-warmup-rounds="$BULK_WARMUP_ROUNDS" --new-share="$NEW_SHARE" \
    --server-pid="$SERVER_PID" --db-pid="$db_pid"

  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); server errors logged: $(grep -c ' ERROR ' "$SERVER_LOG" || true)"
}

main 2>&1 | tee "$RESULT"
echo "written: ${RESULT#"$ROOT"/}"
