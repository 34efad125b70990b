#!/usr/bin/env bash
# Runs the whole test suite. Starts a private, throwaway PostgreSQL cluster (installing PostgreSQL with apt
# when missing), passes its connection string to the tests in AIBOS_TEST_POSTGRES, builds once, runs the test
# projects one after the other, and removes the cluster. With AIBOS_TEST_POSTGRES already set, that server is
# used instead.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

cluster=""
cleanup() {
  if [ -n "$cluster" ]; then stop_cluster "$cluster"; rm -rf "$cluster"; fi
}
trap cleanup EXIT

if [ -z "${AIBOS_TEST_POSTGRES:-}" ]; then
  ensure_postgres_installed
  cluster=$(mktemp -d /tmp/aibos-test-pg.XXXXXX)
  port=$(free_port 55500)
  # Durability settings are off: this cluster is thrown away (never do this for the demo or benchmarks).
  start_cluster "$cluster" "$port" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300
  export AIBOS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL test cluster on 127.0.0.1:$port"
fi

dotnet build AiBos.MigrationConsole.sln -c Debug -v quiet -nologo -clp:NoSummary
log=$(mktemp)
status=0
# One test project at a time: their timing-sensitive tests (lock waits, killed processes, learned time estimates) run
# alone within their project, and must not share the two cores with another project's parallel tests either.
for project in tests/*/*.Tests.csproj; do
  dotnet test "$project" -c Debug --no-build -nologo "$@" 2>&1 | tee -a "$log" || status=$?
done

# One plain closing line for CI: the totals of every test assembly.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
