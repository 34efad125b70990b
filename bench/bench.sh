#!/usr/bin/env bash
# Runs one benchmark of bench/AiBos.Migrations.Bench: bench/bench.sh backup|data (bench/backup.sh and bench/data.sh
# call it). Starts a private PostgreSQL cluster with durable defaults (fsync stays on), builds the bench in Release,
# runs it, then stops and removes the cluster. Results are printed as markdown and written to
# bench/results/<benchmark>-<date>.md. AIBOS_BENCH_ROWS overrides the row count (for a quick try).
set -euo pipefail
benchmark=${1:?usage: bench/bench.sh backup|data}
case "$benchmark" in backup|data) ;; *) echo "usage: bench/bench.sh backup|data" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
source scripts/postgres.sh

cluster=""
cleanup() {
  if [ -n "$cluster" ]; then stop_cluster "$cluster"; rm -rf "$cluster"; fi
}
trap cleanup EXIT

ensure_postgres_installed
cluster=$(mktemp -d /tmp/aibos-bench-pg.XXXXXX)
# Durable defaults: no fsync=off, no synchronous_commit=off. Statements over 0.5 s are logged: the report shows where each operation spent its time.
# Another process may take the free port between the probe and the start: then try another one.
for attempt in 1 2 3 4 5; do
  port=$(free_port $((55600 + RANDOM % 400)))
  start_cluster "$cluster" "$port" -c log_min_duration_statement=500 2>/dev/null && break
  [ "$attempt" = 5 ] && { tail -n 20 "$cluster/server.log" >&2; exit 1; }
done
echo "PostgreSQL bench cluster on 127.0.0.1:$port ($(uptime | sed 's/.*load average/load average/'))" >&2

dotnet build bench/AiBos.Migrations.Bench -c Release -v quiet -nologo -clp:NoSummary >&2
AIBOS_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Command Timeout=0" \
AIBOS_BENCH_PG_BIN="$(pg_bin_dir)" \
AIBOS_BENCH_RESULTS="bench/results" \
AIBOS_BENCH_SERVER_LOG="$cluster/server.log" \
  dotnet bench/AiBos.Migrations.Bench/bin/Release/net10.0/AiBos.Migrations.Bench.dll "$benchmark"

