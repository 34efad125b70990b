#!/usr/bin/env bash
# The backup benchmark: the engine's backups and restores beside pg_dump and pg_restore on a 1,000,000-row table.
# Results: bench/results/backup-<date>.md. AIBOS_BENCH_ROWS overrides the row count (for a quick try).
exec "$(dirname "$0")/bench.sh" backup
