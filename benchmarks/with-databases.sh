#!/usr/bin/env bash
# Runs a load tool of benchmarks/ against a throwaway PostgreSQL 15 and Redis 7 on free loopback ports (as test.sh
# starts them), with ATENDIMENTO_TEST_POSTGRES and ATENDIMENTO_TEST_REDIS pointing at them, and tears both down.
# Usage: benchmarks/with-databases.sh <project folder under benchmarks/> [the tool's arguments]
#   benchmarks/with-databases.sh Atendimento.WhatsAppLoad messages=2000 errors=0.2
#   benchmarks/with-databases.sh Atendimento.RoutingLoad sla
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
log() { printf 'with-databases: %s\n' "$*"; }
die() { printf 'with-databases: ERROR: %s\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] && [ -d "$REPO_ROOT/benchmarks/$1" ] || die "name a project folder under benchmarks/, such as Atendimento.WhatsAppLoad"
PROJECT="$1"
shift

[ -x "$PG_BIN/initdb" ] || die "PostgreSQL 15 is missing (apt-get install postgresql-15)"
command -v redis-server >/dev/null || die "Redis is missing (apt-get install redis-server)"

WORKDIR="$(mktemp -d /tmp/atendimento-load.XXXXXX)"
chmod 755 "$WORKDIR"
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd "$WORKDIR" && runuser -u postgres -- "$@"); else (cd "$WORKDIR" && "$@"); fi; }
if [ "$(id -u)" -eq 0 ]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres: "$WORKDIR"
fi

cleanup() {
  set +e
  as_pg "$PG_BIN/pg_ctl" -D "$WORKDIR/pgdata" -m immediate -w -t 30 stop >/dev/null 2>&1
  [ -n "${REDISPORT:-}" ] && redis-cli -h 127.0.0.1 -p "$REDISPORT" shutdown nosave >/dev/null 2>&1
  rm -rf "$WORKDIR"
}
trap cleanup EXIT

read -r PGPORT REDISPORT < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')

log "PostgreSQL on 127.0.0.1:$PGPORT, Redis on 127.0.0.1:$REDISPORT"
as_pg "$PG_BIN/initdb" -D "$WORKDIR/pgdata" -U postgres --auth=trust -E UTF8 --locale=C >"$WORKDIR/initdb.log" 2>&1 \
  || { cat "$WORKDIR/initdb.log" >&2; die "initdb failed"; }
as_pg "$PG_BIN/pg_ctl" -D "$WORKDIR/pgdata" -l "$WORKDIR/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORKDIR -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null \
  || die "PostgreSQL failed to start"
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$WORKDIR" --logfile "$WORKDIR/redis.log" || die "redis-server failed to start"
for _ in $(seq 1 100); do [ "$(redis-cli -h 127.0.0.1 -p "$REDISPORT" ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done

export ATENDIMENTO_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
export ATENDIMENTO_TEST_REDIS="127.0.0.1:$REDISPORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cd "$REPO_ROOT"
dotnet run -c Release --project "benchmarks/$PROJECT" -- "$@"
