#!/usr/bin/env bash
# The newcomer's first command: a local PostgreSQL cluster in .data/postgres (port 55433, the ConnectionStrings:Catalog of
# appsettings.json), the CLI built once, and the seed's workflow run command by command against database "aibos":
# register modules, add tenants, upgrade with automatic rollback, an upgrade that fails validation and rolls back by
# itself, customizations adapted (one quarantined) by an upgrade, a manual rollback, backup and restore, runs and statistics.
#
#   ./run.sh                 run the demo (again: the cluster is reused, database "aibos" is dropped and recreated), then
#                            start the dashboard on http://127.0.0.1:5080 over the demo database (Ctrl+C stops it)
#   ./run.sh --no-dashboard  run the demo only
#   ./run.sh --stop          stop the cluster (its data stays in .data/postgres; rm -rf .data to remove it)
#
# Installs PostgreSQL with apt when it is missing. The cluster keeps PostgreSQL's durable defaults (fsync on).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

cluster="$PWD/.data/postgres"
pg_port=55433
database=aibos
project=src/AiBos.Migrations.Cli
dll="$project/bin/Release/net10.0/aibos-migrations.dll"
console_project=src/AiBos.MigrationConsole
console_dll="$console_project/bin/Release/net10.0/AiBos.MigrationConsole.dll"
dashboard_url="http://127.0.0.1:5080"
dashboard=1
export ConnectionStrings__Catalog="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$database"

if [ -t 1 ]; then bold=$'\e[1m'; dim=$'\e[2m'; green=$'\e[32m'; reset=$'\e[0m'; else bold=""; dim=""; green=""; reset=""; fi
stage_number=0
stage() { stage_number=$((stage_number + 1)); printf '\n%s== %d. %s%s\n' "$bold" "$stage_number" "$1" "$reset"; }
note() { printf '%s%s%s\n' "$dim" "$1" "$reset"; }

# Shows a command line as a user would type it: arguments with spaces or quotes in double quotes.
shown() {
  local arg out=""
  for arg in "$@"; do
    if [[ "$arg" =~ [[:space:]\"\'\;\$] ]]; then out+=" \"${arg//\"/\\\"}\""; else out+=" $arg"; fi
  done
  printf '%s' "${out# }"
}

# aibos-migrations ARGS...: prints the command, then runs the built CLI.
aibos() {
  printf '\n%s$ aibos-migrations %s%s\n' "$bold" "$(shown "$@")" "$reset"
  dotnet "$dll" "$@"
}

# Like aibos, but shows only the command's closing line (all of its output when it fails): for the routine installs.
aibos_brief() {
  printf '\n%s$ aibos-migrations %s%s\n' "$bold" "$(shown "$@")" "$reset"
  local out status=0
  out=$(dotnet "$dll" "$@" 2>&1) || status=$?
  if [ "$status" -eq 0 ]; then printf '%s\n' "$out" | tail -n 1; else printf '%s\n' "$out"; return "$status"; fi
}

# sql [psql options...]: psql on database "aibos" (prints the command first, as typed).
sql() {
  printf '\n%s$ psql -h 127.0.0.1 -p %d -U postgres -d %s %s%s\n' "$bold" "$pg_port" "$database" "$(shown "$@")" "$reset"
  "$(pg_bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" "$@"
}

admin_sql() { PGOPTIONS="-c client_min_messages=warning" "$(pg_bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }

cluster_running() {
  local bin; bin=$(pg_bin_dir) || return 1
  [ -f "$cluster/data/PG_VERSION" ] && as_cluster_owner "$bin/pg_ctl" -D "$cluster/data" status >/dev/null 2>&1
}

# The first "id" of a list-migrations or list-backups --output json document on stdin: the newest one's (no jq needed).
first_id() { grep -m1 -E '^ *"id": "' | sed -E 's/.*"id": "([^"]+)".*/\1/'; }

stop() {
  if cluster_running; then
    stop_cluster "$cluster"
    echo "PostgreSQL cluster in .data/postgres stopped (its data stays there; ./run.sh starts it again, rm -rf .data removes it)."
  else
    echo "The PostgreSQL cluster in .data/postgres is not running."
  fi
}

case "${1:-}" in
  "") ;;
  --no-dashboard) dashboard=0 ;;
  --stop) stop; exit 0 ;;
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: ./run.sh [--no-dashboard | --stop]" >&2; exit 2 ;;
esac

trap 'status=$?; echo; echo "run.sh: a step failed unexpectedly (exit code $status; see above). The cluster keeps running: ./run.sh --stop stops it." >&2' ERR
started=$SECONDS

stage "PostgreSQL: a local cluster in .data/postgres on 127.0.0.1:$pg_port"
ensure_postgres_installed
if cluster_running; then
  echo "Reusing the running cluster in .data/postgres."
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; then
    echo "error: port $pg_port is taken by another server, and ./run.sh needs it (appsettings.json points there). Stop that server first." >&2
    exit 1
  fi
  [ -f "$cluster/data/PG_VERSION" ] && echo "Starting the existing cluster in .data/postgres." || echo "Creating a cluster in .data/postgres."
  start_cluster "$cluster" "$pg_port"
fi
echo "Dropping and recreating database $database, so that the demo starts clean."
admin_sql -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"

stage "Build the CLI (Release, once)"
dotnet build "$project" -c Release -v quiet -nologo -clp:NoSummary
[ -f "$dll" ] || { echo "error: the build did not produce $dll" >&2; exit 1; }
echo "Built $dll"

stage "Register the demo modules (their versioned migrations go to the central registry)"
aibos register-module samples/modules/accounting
aibos register-module samples/modules/crm
aibos register-module samples/modules/inventory
aibos list-modules

stage "Demo tenants: accounting 1.0.0 on every tenant, crm and inventory on some, and demo rows"
aibos add-tenant -t tenant123 --name "Tenant 123"
aibos add-tenant -t acme --name "ACME Corp"
aibos add-tenant -t globex --name "Globex Industries"
note "Installs show their closing line only here; execute-migration below shows a run in full."
for tenant in tenant123 acme globex; do aibos_brief install-module -t "$tenant" -m accounting -v 1.0.0; done
aibos_brief install-module -t acme -m crm -v 1.0.0
aibos_brief install-module -t globex -m crm -v 1.0.0
aibos_brief install-module -t globex -m inventory -v 1.0.0
for pair in tenant123:accounting acme:accounting acme:crm globex:accounting globex:crm globex:inventory; do
  sql -c "SET search_path TO tenant_${pair%%:*}" -f "samples/modules/demo-data/${pair#*:}.sql"
done
aibos list-tenants

stage "Preview the upgrade: compatibility, data volume and time estimate, dependencies, risk report, and a rehearsal"
note "Read-only: the rehearsal runs the plan and its down plan on a copy in a scratch schema that is rolled back."
aibos validate-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --rehearse

stage "Upgrade tenant123's accounting 1.0.0 -> 2.0.0: backup, schema, validation, rolled back automatically on failure"
aibos execute-migration -t tenant123 -m accounting -f 1.0.0 -v 2.0.0 --rollback-on-failure

stage "An upgrade that fails its validation and rolls back by itself (samples/failing/payroll)"
note "payroll 2.0.0 adds payslips.tax_code but forgets to fill it in; its validation query finds the payslips without one."
aibos register-module samples/failing/payroll
aibos_brief install-module -t acme -m payroll -v 1.0.0
sql -c "SET search_path TO tenant_acme" -f samples/failing/demo-data/payroll.sql
failed=0
aibos execute-migration -t acme -m payroll -f 1.0.0 -v 2.0.0 --rollback-on-failure || failed=$?
if [ "$failed" -ne 1 ]; then
  echo "error: the failing upgrade should end rolled back with exit code 1, it returned $failed." >&2
  exit 1
fi
printf '%sExit code 1, as expected: the upgrade failed validation and was rolled back; acme is still at payroll 1.0.0.%s\n' "$green" "$reset"

stage "Customizations: globex's inventory 1.0.0 -> 2.0.0 adapts custom fields and layouts, and quarantines what it cannot"
note "inventory/2.0.0/customizations holds the rules. globex customizes inventory 1.0.0 with five documents; the warehouse map uses a view 2.0.0 no longer has."
aibos_brief save-customization -t globex -m inventory --kind custom_field --key barcode_label --json '{"label": "Barcode", "binding": "items.barcode", "required": false}'
aibos_brief save-customization -t globex -m inventory --kind custom_field --key unit_price --json '{"label": "List price", "binding": "items.unit_price"}'
aibos_brief save-customization -t globex -m inventory --kind report_layout --key stock_list --json '{"view": "list", "pageSize": "50", "columns": ["sku", "name"]}'
aibos_brief save-customization -t globex -m inventory --kind report_layout --key warehouse_map --json '{"view": "map3d", "pageSize": "20"}'
aibos_brief save-customization -t globex -m inventory --kind setting --key reorder --json '{"threshold": 10}'
aibos list-customizations -t globex -m inventory
aibos validate-migration -t globex -m inventory -f 1.0.0 -v 2.0.0
aibos execute-migration -t globex -m inventory -f 1.0.0 -v 2.0.0 --rollback-on-failure
aibos list-customizations -t globex -m inventory --output json
note "Nothing is lost: the warehouse map waits in quarantine with its reason and original content (a rollback brings it back;"
note "release-customization puts it back, fixed; discard-customization gives it up)."
aibos list-quarantined -t globex

stage "Manual rollback of tenant123's completed upgrade"
aibos list-migrations -t tenant123 -m accounting -s completed
runs_json=$(dotnet "$dll" list-migrations -t tenant123 -m accounting -s completed --output json)
run_id=$(first_id <<<"$runs_json")
[ -n "$run_id" ] || { echo "error: no completed run of tenant123 found" >&2; exit 1; }
note "The newest completed run, from: aibos-migrations list-migrations -t tenant123 -m accounting -s completed --output json"
aibos rollback-migration -i "$run_id"

stage "Backup and restore"
aibos create-backup -t tenant123 -m accounting -v 1.0.0
backups_json=$(dotnet "$dll" list-backups -t tenant123 -m accounting --output json)
backup_id=$(first_id <<<"$backups_json")
[ -n "$backup_id" ] || { echo "error: the backup just taken is not listed" >&2; exit 1; }
note "A change after the backup: one entry booked by mistake, the voided entries deleted."
sql -c "SET search_path TO tenant_tenant123" \
    -c "INSERT INTO ledger_entries (account_code, amount, description) VALUES ('9999-SUSPENSE', 1234.56, 'Booked by mistake')" \
    -c "DELETE FROM ledger_entries WHERE status = 'void'"
aibos restore-backup -i "$backup_id" --yes

stage "Runs and statistics"
aibos list-migrations
aibos migration-statistics -m accounting

trap - ERR
stage "Done in $((SECONDS - started)) s"
cat <<EOF
The cluster keeps running on 127.0.0.1:$pg_port with database $database (the catalog and every tenant's schema).
Run further commands against it from this folder; appsettings.json already points there:

  dotnet $dll <command>          (built by this script)
  dotnet run --project $project -- <command>

for example:

  dotnet $dll list-tenants
  dotnet $dll show-migration -i $run_id
  dotnet $dll list-backups -t tenant123
  dotnet $dll --help

Elsewhere, point the CLI at it with the environment variable:

  export ConnectionStrings__Catalog="$ConnectionStrings__Catalog"

./run.sh --stop stops the cluster; ./run.sh runs the demo again from a clean database.
EOF

[ "$dashboard" -eq 1 ] || exit 0

stage "Dashboard: the console over the demo database on $dashboard_url"
if (exec 3<>"/dev/tcp/127.0.0.1/5080") 2>/dev/null; then
  echo "error: port 5080 is taken by another program, and the dashboard needs it. Stop that program, or run ./run.sh --no-dashboard." >&2
  exit 1
fi
dotnet build "$console_project" -c Release -v quiet -nologo -clp:NoSummary
[ -f "$console_dll" ] || { echo "error: the build did not produce $console_dll" >&2; exit 1; }
note "Overview, runs (live), new upgrade with preview, backups and restore, tenants, modules: the runs above are all there."
printf '\n%sOpen %s in a browser. Ctrl+C stops the dashboard (the cluster keeps running).%s\n\n' "$green$bold" "$dashboard_url" "$reset"
# In the foreground, from this folder (the shared appsettings.json); exec hands Ctrl+C straight to the console.
exec dotnet "$console_dll" --urls "$dashboard_url" --environment Production
