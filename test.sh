#!/usr/bin/env bash
# Runs the whole test suite. Starts a private, throwaway PostgreSQL cluster (installing PostgreSQL with apt
# when missing), installs Debian's Chromium for the browser tests when /usr/bin/chromium is missing, passes the
# cluster's connection string to the tests in AIBOS_TEST_POSTGRES, builds once, runs the test projects one after
# the other, and removes the cluster. With AIBOS_TEST_POSTGRES already set, that server is used instead.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

# The browser tests (tests/AiBos.MigrationConsole.EndToEnd.Tests) drive Debian's Chromium through Playwright, which
# downloads no browser here. Installed as root, or with password-less sudo; otherwise those tests fail saying how.
ensure_chromium_installed() {
  [ -x /usr/bin/chromium ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "warning: Chromium is not installed and this user cannot install it; the browser tests will fail. Run: sudo apt-get install -y chromium" >&2
      return 0
    fi
  fi
  echo "Installing Chromium for the browser tests (apt-get install chromium)..."
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

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

ensure_chromium_installed
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
