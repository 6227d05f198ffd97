#!/usr/bin/env bash
# City-scale benchmarks (issue [5/5]) on SQLite and PostgreSQL side by side, each figure next to its
# limit. Release build; needs wrk, sqlite3, psql, python3 and a PostgreSQL where the role of PG_ADMIN
# may create databases (the CI's role `meedoen` can).
#
#   tools/bench-city.sh [PERSONS] [sqlite|postgres|both]      (default 100000 both)
#
# Per store: generate the city (time, peak memory), import PERSONS residents from a CSV into an empty
# registry (time), the city-wide dashboard in the server against the same SQL in sqlite3/psql,
# the monitor page over HTTP, a bare JSON route and the dossier read (wrk, random residents of one
# district's caseload, need-to-know and audit), matching for one resident (wrk), the valve and the
# policy simulation over the city (HTTP, median of 5), the server's memory after all that.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
WHICH=${2:-both}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-8282}
PG_ADMIN=${PG_ADMIN:-postgres://meedoen:meedoen@127.0.0.1:5432/postgres}
PG_BASE=${PG_ADMIN%/*}
WORK=${WORK:-$(mktemp -d)}
BIN=.build/release/meedoen
swift build -c release --product meedoen 2>&1 | tail -1   # incremental: never benchmark a stale binary
export LOG_LEVEL=warning
PASSWORD=bench-wachtwoord-$$
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; true' EXIT

fresh() {  # store name -> prints DATABASE_URL of an empty database
  case "$1" in
    sqlite) rm -f "$WORK/$2.sqlite"*; echo "sqlite://$WORK/$2.sqlite" ;;
    postgres) psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" >/dev/null 2>&1; echo "$PG_BASE/$2" ;;
  esac
}
client() {  # store url file: runs the SQL file in the database's own client
  case "$1" in
    sqlite) sqlite3 "${2#sqlite://}" < "$3" > /dev/null ;;
    postgres) psql -q "$2" -f "$3" > /dev/null ;;
  esac
}

bench_store() {
  local store=$1
  echo "=== $store, $N residents, $(nproc) cores"
  local t0
  if [ -n "${REUSE:-}" ]; then  # REUSE=1: measure the city WORK already holds (no generate, no import)
    case "$store" in sqlite) export DATABASE_URL="sqlite://$WORK/meedoen_city.sqlite" ;; postgres) export DATABASE_URL="$PG_BASE/meedoen_city" ;; esac
  else
  # 1. Generate the city.
  export DATABASE_URL=$(fresh "$store" meedoen_city)
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$WORK/gen.rss" "$BIN" generate --persons "$N" --seed 1 | tail -1
  echo "generate: $(ms_since $t0) ms, peak memory $(( $(cat "$WORK/gen.rss") / 1024 )) MB"

  # 2. Import N residents into an empty registry.
  local city_url=$DATABASE_URL
  python3 tools/persons-csv.py "$N" > "$WORK/persons.csv"
  export DATABASE_URL=$(fresh "$store" meedoen_import)
  for d in "A Centrum" "E West" "F Nieuw-West" "K Zuid" "M Oost" "N Noord" "T Zuidoost"; do "$BIN" district add $d > /dev/null; done
  t0=$(date +%s%N)
  "$BIN" import persons "$WORK/persons.csv" | tail -1
  echo "import: $(ms_since $t0) ms [goal ≤ 20000 ms for 100,000]"
  export DATABASE_URL=$city_url
  fi
  "$BIN" migrate >/dev/null

  # 3. The dashboard: the server's computation against the same statements in the client.
  "$BIN" benchmark dashboard --rounds 5 --sql "$WORK/dashboard.sql"
  client "$store" "$DATABASE_URL" "$WORK/dashboard.sql"   # warm the cache like the server's unmeasured round
  local times=()
  for r in 1 2 3 4 5; do t0=$(date +%s%N); client "$store" "$DATABASE_URL" "$WORK/dashboard.sql"; times+=("$(ms_since $t0)"); done
  echo "dashboard SQL in the $( [ "$store" = sqlite ] && echo sqlite3 || echo psql ) client: median $(printf '%s\n' "${times[@]}" | median) ms (rounds: ${times[*]})"

  # Tokens: the Zuidoost case manager of the generated city, a budget holder, an analyst with a password.
  local km=$("$BIN" user token stad-km-t | tail -1)
  local bh=$("$BIN" user add bench-budget-$$ --role budgetHolder </dev/null | tail -1)
  echo "$PASSWORD" | "$BIN" user add bench-analist-$$ --role analyst >/dev/null

  "$BIN" serve --port "$PORT" > "$WORK/serve.log" 2>&1 &
  SERVER=$!
  for i in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 1; done
  local base="http://127.0.0.1:$PORT"

  # The monitor page itself, signed in as the analyst (HTML, charts, every district).
  local jar="$WORK/cookies"; rm -f "$jar"
  local csrf=$(curl -fs -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "username=bench-analist-$$" --data-urlencode "password=$PASSWORD" "$base/login"
  echo "monitor page, first view after start (computes, or waits for the start-up computation): $(curl -fs -o /dev/null -w '%{time_total}' -b "$jar" "$base/monitor" | awk '{printf "%d", $1 * 1000}') ms"
  times=()
  for r in 1 2 3 4 5; do times+=("$(curl -fs -o /dev/null -w '%{time_total}' -b "$jar" "$base/monitor" | awk '{printf "%d", $1 * 1000}')"); done
  echo "monitor page GET /monitor (analyst, HTML with 12 charts, figures computed at most every 10 minutes): median $(printf '%s\n' "${times[@]}" | median) ms (rounds: ${times[*]})"

  # Residents on the case manager's caseload, for the dossier and matching runs.
  : > "$WORK/ids"
  for page in 1 2 3 4 5; do
    curl -fs -H "Authorization: Bearer $km" "$base/api/v1/persons?pageSize=100&page=$page" | python3 -c 'import json,sys; [print(p["id"]) for p in json.load(sys.stdin)["items"]]' >> "$WORK/ids"
  done
  cat > "$WORK/random.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids") do ids[#ids + 1] = line end
wrk.headers["Authorization"] = "Bearer $km"
request = function() return wrk.format("GET", string.format(os.getenv("PATTERN"), ids[math.random(#ids)])) end
LUA
  run() {  # name pattern
    local rates=() lats=()
    for r in $(seq 1 "$ROUNDS"); do
      out=$(PATTERN=$2 wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency -s "$WORK/random.lua" "$base")
      rates+=("$(echo "$out" | awk '/Requests\/sec/ {print $2}')")
      lats+=("$(echo "$out" | awk '$1=="50%" {print $2}')")
      errs=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
      [ -z "$errs" ] || { echo "non-2xx responses in $1: $errs"; exit 1; }
    done
    printf '%-44s median %8s req/s   p50 %s   (rounds: %s)\n' "$1" "$(printf '%s\n' "${rates[@]}" | median)" "$(printf '%s\n' "${lats[@]}" | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")" "${rates[*]}"
  }
  echo "$(wc -l < "$WORK/ids") residents of Zuidoost's caseload, $CONNECTIONS connections, $ROUNDS x ${SECONDS_PER_ROUND}s:"
  run "bare JSON GET /health/live" "/health/live?%s"
  run "dossier GET /api/v1/persons/{id}" "/api/v1/persons/%s"
  run "matching GET /api/v1/persons/{id}/matches" "/api/v1/persons/%s/matches"
  echo "server memory after the load: $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$SERVER/status) now, peak $(awk '/VmHWM/ {printf "%d MB", $2/1024}' /proc/$SERVER/status) [goal ≤ 200 MB]"

  # The valve and the policy simulation over the whole city (budget holder), median of 5 after one warm-up.
  python3 - "$WORK/draft.json" <<'PY'
import json, sys
p = json.load(open("Policies/diagnosis/amsterdam-2011-2014.json", encoding="utf-8"))
for g in p["targetGroups"]:
    if g["id"] == "youngPeople": g["category"] = 3
json.dump({"policy": p}, open(sys.argv[1], "w"))
PY
  sim() {  # name path body-file
    local times=()
    curl -fs -o /dev/null -H "Authorization: Bearer $bh" -H 'Content-Type: application/json' --data-binary "@$3" "$base$2"
    for r in 1 2 3 4 5; do
      times+=("$(curl -fs -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $bh" -H 'Content-Type: application/json' --data-binary "@$3" "$base$2" | awk '{printf "%d", $1 * 1000}')")
    done
    echo "$1: median $(printf '%s\n' "${times[@]}" | median) ms (rounds: ${times[*]}) [goal ≤ 1000 ms]"
  }
  echo '{"changes": [{"streamCode": "werkdeel", "basisPoints": -2000}, {"streamCode": "WEB", "basisPoints": -1000}]}' > "$WORK/valve.json"
  sim "valve simulation POST /valve-simulations (20 % and 10 % cuts)" /api/v1/valve-simulations "$WORK/valve.json"
  sim "policy simulation POST /policy-simulations (young people to category 3)" /api/v1/policy-simulations "$WORK/draft.json"
  echo "server memory at the end: $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$SERVER/status) now, peak $(awk '/VmHWM/ {printf "%d MB", $2/1024}' /proc/$SERVER/status)"
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
}

case "$WHICH" in
  sqlite|postgres) bench_store "$WHICH" ;;
  *) bench_store sqlite; bench_store postgres ;;
esac
