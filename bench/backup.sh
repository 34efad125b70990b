#!/usr/bin/env bash
# The backup benchmark: the engine's backups and restores beside pg_dump and pg_restore on a 1,000,000-row table.
# Starts a private PostgreSQL cluster with durable defaults (fsync stays on), builds the bench in Release, runs it,
# then stops and removes the cluster. Results are printed as markdown and written to bench/results/backup-<date>.md.
# AIBOS_BENCH_ROWS overrides the row count (for a quick try).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

cluster=""
cleanup() {
  if [ -n "$cluster" ]; then stop_cluster "$cluster"; rm -rf "$cluster"; fi
}
trap cleanup EXIT

ensure_postgres_installed
cluster=$(mktemp -d /tmp/aibos-bench-pg.XXXXXX)
port=$(free_port 55600)
# Durable defaults: no fsync=off, no synchronous_commit=off. Statements over 0.5 s are logged to list them afterwards.
start_cluster "$cluster" "$port" -c log_min_duration_statement=500
echo "PostgreSQL bench cluster on 127.0.0.1:$port ($(uptime | sed 's/.*load average/load average/'))" >&2

dotnet build bench/AiBos.Migrations.Bench -c Release -v quiet -nologo -clp:NoSummary >&2
AIBOS_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Command Timeout=0" \
AIBOS_BENCH_PG_BIN="$(pg_bin_dir)" \
AIBOS_BENCH_RESULTS="bench/results" \
  dotnet bench/AiBos.Migrations.Bench/bin/Release/net10.0/AiBos.Migrations.Bench.dll

# Where the server spent its time: every statement over 0.5 s, in order (the engine's phases and the tools' steps).
echo "Server statements over 0.5 s:" >&2
sed -n 's/.*duration: \([0-9.]*\) ms  \(statement\|execute [^:]*\): \(.*\)/\1\t\3/p' "$cluster/server.log" \
  | awk -F'\t' '{ printf "  %8.2f s  %s\n", $1 / 1000, substr($2, 1, 150) }' >&2
