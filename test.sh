#!/usr/bin/env bash
# Runs every test of the project: starts a throwaway PostgreSQL 15 and Redis 7 on free
# loopback ports, fetches the Web Chat bundle once, runs `dotnet test`, then tears it all down.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Category=Unit]
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO_ROOT"

PG_BIN=/usr/lib/postgresql/15/bin
CHROMIUM=/usr/bin/chromium
WEBCHAT_VERSION=4.18.1
WEBCHAT_DIR="$REPO_ROOT/.cache/webchat"
WEBCHAT_JS="$WEBCHAT_DIR/webchat.js"

log() { printf 'test.sh: %s\n' "$*"; }
die() { printf 'test.sh: ERROR: %s\n' "$*" >&2; exit 1; }

IS_ROOT=0
if [ "$(id -u)" -eq 0 ]; then IS_ROOT=1; fi

# ---------------------------------------------------------------- system packages
missing_packages() {
  local pkgs=()
  if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ] || [ ! -x "$PG_BIN/pg_isready" ]; then
    pkgs+=(postgresql-15)
  fi
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    pkgs+=(redis-server)
  fi
  if [ ! -x "$CHROMIUM" ]; then
    pkgs+=(chromium)
  fi
  if ! command -v npm >/dev/null 2>&1 && [ ! -f "$WEBCHAT_JS" ]; then
    pkgs+=(npm)
  fi
  if [ "${#pkgs[@]}" -gt 0 ]; then printf '%s\n' "${pkgs[@]}"; fi
}

mapfile -t MISSING < <(missing_packages)
if [ "${#MISSING[@]}" -gt 0 ]; then
  if [ "$IS_ROOT" -eq 1 ]; then
    log "installing missing system packages: ${MISSING[*]}"
    apt-get update
    # The packages' maintainer scripts may try (and fail) to start system services;
    # that does not matter here, we start our own instances. Re-check afterwards instead.
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${MISSING[@]}" \
      || log "apt-get install reported an error (often just a service that could not start); re-checking"
    mapfile -t STILL_MISSING < <(missing_packages)
    if [ "${#STILL_MISSING[@]}" -gt 0 ]; then
      die "still missing after apt-get install: ${STILL_MISSING[*]}"
    fi
  else
    die "missing system packages: ${MISSING[*]}. Install them with:
  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${MISSING[*]}
(or run this script as root, which installs them itself)"
  fi
fi

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK"

REDIS_VERSION="$(redis-server --version | sed -n 's/.* v=\([0-9][0-9.]*\).*/\1/p')"
log "redis-server version: ${REDIS_VERSION:-unknown}"
case "$REDIS_VERSION" in
  7.*) ;;
  [0-6].*) die "Redis 7.x is required, found ${REDIS_VERSION}" ;;
  *) log "WARNING: expected Redis 7.x, found '${REDIS_VERSION:-unknown}'; continuing" ;;
esac

# ---------------------------------------------------------------- Web Chat bundle
if [ -s "$WEBCHAT_JS" ]; then
  log "Web Chat bundle already cached: $WEBCHAT_JS"
else
  log "fetching botframework-webchat@$WEBCHAT_VERSION into $WEBCHAT_DIR"
  mkdir -p "$WEBCHAT_DIR"
  npm_err="$(mktemp)"
  tgz_name="$(cd "$WEBCHAT_DIR" && npm pack "botframework-webchat@$WEBCHAT_VERSION" --silent 2>"$npm_err" | tail -n 1)" || true
  if [ -z "$tgz_name" ] || [ ! -f "$WEBCHAT_DIR/$tgz_name" ]; then
    cat "$npm_err" >&2; rm -f "$npm_err"
    die "npm pack botframework-webchat@$WEBCHAT_VERSION failed"
  fi
  rm -f "$npm_err"
  tar -xzf "$WEBCHAT_DIR/$tgz_name" -O package/dist/webchat.js > "$WEBCHAT_JS.part" \
    || { rm -f "$WEBCHAT_JS.part"; die "could not extract package/dist/webchat.js from $tgz_name"; }
  [ -s "$WEBCHAT_JS.part" ] || { rm -f "$WEBCHAT_JS.part"; die "extracted webchat.js is empty"; }
  mv "$WEBCHAT_JS.part" "$WEBCHAT_JS"
  rm -f "$WEBCHAT_DIR/$tgz_name"
  log "cached $WEBCHAT_JS ($(wc -c < "$WEBCHAT_JS") bytes)"
fi

# ---------------------------------------------------------------- throwaway services
if [ "$IS_ROOT" -eq 1 ]; then
  # initdb and pg_ctl refuse to run as root: run them as the postgres system user.
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating system user postgres"
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  WORKDIR="$(mktemp -d /tmp/atendimento-test.XXXXXX)"
else
  WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/atendimento-test.XXXXXX")"
fi
chmod 755 "$WORKDIR"
PGDATA_DIR="$WORKDIR/pgdata"
PG_LOG="$WORKDIR/postgres.log"
REDIS_PIDFILE="$WORKDIR/redis.pid"
DOTNET_LOG="$WORKDIR/dotnet-test.log"
PG_STARTED=0
REDIS_STARTED=0
PGPORT=""
REDISPORT=""

# Runs a PostgreSQL server binary as the right user, from a directory that user can read.
as_pg() {
  if [ "$IS_ROOT" -eq 1 ]; then
    (cd "$WORKDIR" && runuser -u postgres -- "$@")
  else
    (cd "$WORKDIR" && "$@")
  fi
}

stop_services() {
  if [ "$PG_STARTED" -eq 1 ]; then
    PG_STARTED=0
    log "stopping PostgreSQL (port $PGPORT)"
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 30 stop >/dev/null 2>&1 \
      || log "WARNING: pg_ctl stop failed"
    if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
      local pgpid
      pgpid="$(head -n 1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null)"
      if [ -n "$pgpid" ] && kill -0 "$pgpid" 2>/dev/null; then kill -9 "$pgpid" 2>/dev/null; fi
    fi
  fi
  if [ "$REDIS_STARTED" -eq 1 ]; then
    REDIS_STARTED=0
    log "stopping Redis (port $REDISPORT)"
    local rpid="" i
    [ -f "$REDIS_PIDFILE" ] && rpid="$(cat "$REDIS_PIDFILE" 2>/dev/null)"
    redis-cli -h 127.0.0.1 -p "$REDISPORT" shutdown nosave >/dev/null 2>&1
    if [ -n "$rpid" ]; then
      for i in $(seq 1 50); do kill -0 "$rpid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$rpid" 2>/dev/null; then kill -9 "$rpid" 2>/dev/null; fi
    fi
  fi
  return 0
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM HUP
  stop_services
  rm -rf "$WORKDIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Two distinct free loopback ports.
pick_ports() {
  if command -v python3 >/dev/null 2>&1 && python3 - <<'EOF' 2>/dev/null
import socket
socks = []
for _ in range(2):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
  then
    return 0
  fi
  # Fallback: random ports that nothing answers on.
  local found=() p tries=0
  while [ "${#found[@]}" -lt 2 ] && [ "$tries" -lt 200 ]; do
    tries=$((tries + 1))
    p=$((20000 + RANDOM % 40000))
    if [ "${#found[@]}" -eq 1 ] && [ "${found[0]}" -eq "$p" ]; then continue; fi
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then found+=("$p"); fi
  done
  [ "${#found[@]}" -eq 2 ] || return 1
  echo "${found[0]} ${found[1]}"
}
read -r PGPORT REDISPORT < <(pick_ports) || die "could not find two free loopback ports"
[ -n "$PGPORT" ] && [ -n "$REDISPORT" ] || die "could not find two free loopback ports"
log "temp dir $WORKDIR; PostgreSQL port $PGPORT, Redis port $REDISPORT"

# PostgreSQL 15
if [ "$IS_ROOT" -eq 1 ]; then chown postgres: "$WORKDIR"; fi
log "initdb (PostgreSQL $("$PG_BIN/initdb" --version | awk '{print $3}'))"
if ! as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
     > "$WORKDIR/initdb.log" 2>&1; then
  log "initdb with --locale=C.UTF-8 failed; retrying with --locale=C"
  rm -rf "$PGDATA_DIR"
  as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C \
    > "$WORKDIR/initdb.log" 2>&1 \
    || { cat "$WORKDIR/initdb.log" >&2; die "initdb failed"; }
fi
log "starting PostgreSQL on 127.0.0.1:$PGPORT"
PG_STARTED=1
if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 60 \
     -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORKDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
     start >/dev/null; then
  cat "$PG_LOG" >&2 2>/dev/null || true
  die "PostgreSQL failed to start"
fi

# Redis 7
log "starting Redis on 127.0.0.1:$REDISPORT"
REDIS_STARTED=1
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$REDIS_PIDFILE" --dir "$WORKDIR" --logfile "$WORKDIR/redis.log" \
  || die "redis-server failed to start"

# Wait until both accept connections.
wait_for() {
  local what="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then return 1; fi
    sleep 0.2
  done
  log "$what is ready"
}
wait_for "PostgreSQL" 60 "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -U postgres \
  || { cat "$PG_LOG" >&2 2>/dev/null || true; die "PostgreSQL did not accept connections on 127.0.0.1:$PGPORT within 60 s"; }
redis_ping() { [ "$(redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null)" = "PONG" ]; }
wait_for "Redis" 30 redis_ping \
  || { cat "$WORKDIR/redis.log" >&2 2>/dev/null || true; die "Redis did not answer PING on 127.0.0.1:$REDISPORT within 30 s"; }

# ---------------------------------------------------------------- tests
export ATENDIMENTO_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100;Timeout=60;Command Timeout=120"
export ATENDIMENTO_TEST_REDIS="127.0.0.1:$REDISPORT"
export ATENDIMENTO_WEBCHAT_JS="$WEBCHAT_JS"
export ATENDIMENTO_CHROMIUM="$CHROMIUM"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

SOLUTION=Atendimento.sln
if [ ! -f "$SOLUTION" ] && [ -f Atendimento.slnx ]; then SOLUTION=Atendimento.slnx; fi

log "running: dotnet test $SOLUTION -c Release --logger \"console;verbosity=normal\" $*"
set +e
dotnet test "$SOLUTION" -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$DOTNET_LOG"
DOTNET_RC=${PIPESTATUS[0]}
set -e
log "dotnet test exited with code $DOTNET_RC"
# Stop the services now so that the summary below is the last thing printed.
set +e
stop_services
set -e

# ---------------------------------------------------------------- summary
# VSTest prints, per test project, at normal verbosity:
#   Total tests: 12 /      Passed: 11 /      Failed: 1 /     Skipped: 0 /  Total time: ...
# (zero counts are omitted), and at minimal verbosity:
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: ...
# Output of parallel projects may interleave, so a block runs from "Total tests:" to "Total time:".
SUMMARY="$(sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e 's/\r$//' "$DOTNET_LOG" | awk '
  /^[A-Za-z]+! +- +Failed: *[0-9]+, +Passed: *[0-9]+, +Skipped: *[0-9]+, +Total: *[0-9]+/ {
    line = $0
    sub(/^[A-Za-z]+! +- +/, "", line)
    n = split(line, parts, ",")
    for (i = 1; i <= n; i++) {
      split(parts[i], kv, ":"); k = kv[1]; v = kv[2]; gsub(/ /, "", k); gsub(/ /, "", v)
      if (k == "Failed") mf += v; else if (k == "Passed") mp += v; else if (k == "Skipped") ms += v; else if (k == "Total") mt += v
    }
    mfound = 1; next
  }
  /^Total tests: *[0-9]+ *$/ { inblock = 1; bt += $3; bfound = 1; next }
  inblock && /^ *Passed: *[0-9]+ *$/  { bp += $2; next }
  inblock && /^ *Failed: *[0-9]+ *$/  { bf += $2; next }
  inblock && /^ *Skipped: *[0-9]+ *$/ { bs += $2; next }
  inblock && /^ *Total time:/ { inblock = 0; next }
  END {
    if (mfound) printf "%d %d %d %d\n", mp, mf, ms, mt
    else if (bfound) printf "%d %d %d %d\n", bp, bf, bs, bt
    else print "none"
  }')"

FINAL_RC=$DOTNET_RC
# A project that does not compile must fail the run even if the others pass and dotnet's exit code says otherwise.
BUILD_ERRORS="$(grep -cE ': error (CS|MSB|NU)[0-9]+' "$DOTNET_LOG" || true)"
if [ "$BUILD_ERRORS" -gt 0 ]; then
  log "the build reported $BUILD_ERRORS error line(s); see above"
  if [ "$FINAL_RC" -eq 0 ]; then FINAL_RC=1; fi
fi
if [ "$SUMMARY" = "none" ]; then
  log "could not find any test result summary in the dotnet test output"
  if [ "$FINAL_RC" -eq 0 ]; then FINAL_RC=1; fi
  exit "$FINAL_RC"
fi
read -r PASSED FAILED SKIPPED TOTAL <<< "$SUMMARY"
if [ "$TOTAL" -eq 0 ] && [ "$((PASSED + FAILED + SKIPPED))" -eq 0 ]; then
  log "no test ran"
  if [ "$FINAL_RC" -eq 0 ]; then FINAL_RC=1; fi
fi
if [ "$FAILED" -gt 0 ] && [ "$FINAL_RC" -eq 0 ]; then FINAL_RC=1; fi
LINE="$PASSED passed, $FAILED failed"
if [ "$SKIPPED" -gt 0 ]; then LINE="$LINE, $SKIPPED skipped"; fi
echo "$LINE"
exit "$FINAL_RC"
