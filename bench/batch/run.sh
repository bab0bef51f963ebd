#!/usr/bin/env bash
# Times 10,000-record native batches (POST /v1/customers:batch) against a server jar on the local MariaDB
# (root@127.0.0.1, empty password), in a fresh database. Not part of bench/run.sh: a check for changes to the batch path.
#
#   bench/batch/run.sh [jar]          (default: bootstrap/target/clientele.jar)
#
# Prints one line per request: body, HTTP status, seconds. In order: 4 warm-up batches without repeats, 8 batches
# with 10 % repeated emails (new customers), the first 4 of those again (all updates), 4 new batches without repeats.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${1:-$HERE/../../bootstrap/target/clientele.jar}"
DB=clientele_batch_bench
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
WORK="$(mktemp -d)"
mysql --protocol=TCP -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
DB_URL="jdbc:mysql://127.0.0.1:3306/$DB" DB_USER=root DB_PASSWORD= CLIENTELE_OPERATOR_TOKEN=batch-operator \
  PORT="$PORT" java -jar "$JAR" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK";
      mysql --protocol=TCP -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB"' EXIT
for _ in $(seq 120); do curl -sf "localhost:$PORT/health/readiness" >/dev/null && break; sleep 0.5; done
curl -sf -X POST "localhost:$PORT/v1/admin/tenants" -H "Authorization: Bearer batch-operator" \
  -H 'Content-Type: application/json' \
  -d '{"id":"t1","name":"T","defaultRegion":"RU","timeZone":"Europe/Moscow"}' >/dev/null
KEY="$(curl -sf -X POST "localhost:$PORT/v1/admin/tenants/t1/api-keys" -H "Authorization: Bearer batch-operator" \
  -H 'Content-Type: application/json' -d '{"role":"admin"}' | sed -E 's/.*"key":"([^"]+)".*/\1/')"
post() {
  [ -f "$WORK/$1.json" ] || python3 "$HERE/gen.py" "$1" "$2" >"$WORK/$1.json"
  curl -s -o "$WORK/$1.out" -w "$3 batch $1: %{http_code} %{time_total} s\n" -X POST "localhost:$PORT/v1/customers:batch" \
    -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary "@$WORK/$1.json"
}
for s in 9 10 11 12; do post $s 0 "warm-up, no repeats"; done
for s in 1 2 3 4 5 6 7 8; do post $s 0.1 "10 % repeats, new"; done
for s in 1 2 3 4; do post $s 0.1 "10 % repeats, again"; done
for s in 13 14 15 16; do post $s 0 "no repeats, new"; done
