#!/usr/bin/env bash
# HTTP benchmark of the dossier read (need-to-know + audit insert), a caseload page of 100, matching for
# one person, one referral read and the case manager's work list,
# against a release build on loopback with the demo data. Prints the median of ROUNDS wrk runs.
# Usage: tools/bench-http.sh [sqlite|postgres] ; needs wrk (apt-get install wrk).
# For postgres set PG_URL=postgres://user:pass@127.0.0.1:5432/db (an empty database).
set -euo pipefail
cd "$(dirname "$0")/.."
STORE=${1:-sqlite}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-8181}
BIN=.build/release/meedoen
swift build -c release --product meedoen >/dev/null  # incremental: never benchmark a stale binary
WORK=$(mktemp -d)
case "$STORE" in
  postgres) export DATABASE_URL=${PG_URL:?set PG_URL} ;;
  memory) export DATABASE_URL="sqlite::memory:" ;;
  *) export DATABASE_URL="sqlite://$WORK/bench.sqlite" ;;
esac
export LOG_LEVEL=warning
"$BIN" serve --demo --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for i in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 1; done
TOKEN=$(grep "API token of klantmanager:" "$WORK/serve.log" | awk '{print $NF}')
ID=$(curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/persons?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

run() {  # name url
  local rates=() lats=()
  for r in $(seq 1 "$ROUNDS"); do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency -H "Authorization: Bearer $TOKEN" "$2")
    rates+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
    lats+=("$(echo "$out" | awk '$1=="50%" {print $2}')")
    errs=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    [ -z "$errs" ] || { echo "non-2xx responses: $errs"; exit 1; }
  done
  printf '%-32s median %8s req/s   p50 %s   (rounds: %s)\n' "$1" \
    "$(printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")" \
    "$(printf '%s\n' "${lats[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")" "${rates[*]}"
}
echo "store: $STORE, $CONNECTIONS connections, $ROUNDS x ${SECONDS_PER_ROUND}s, $(nproc) cores"
run "dossier GET /persons/{id}" "http://127.0.0.1:$PORT/api/v1/persons/$ID"
run "caseload GET /persons?pageSize=100" "http://127.0.0.1:$PORT/api/v1/persons?pageSize=100"
run "matches GET /persons/{id}/matches" "http://127.0.0.1:$PORT/api/v1/persons/$ID/matches"
REF=$(curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/referrals" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
run "referral GET /referrals/{id}" "http://127.0.0.1:$PORT/api/v1/referrals/$REF"
run "worklist GET /worklist" "http://127.0.0.1:$PORT/api/v1/worklist"
AUDIT=$(curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/persons/$ID/audit-events" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "audit entries written for the benchmarked person (capped at 500 in the listing): $AUDIT"
