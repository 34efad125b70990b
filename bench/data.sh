#!/usr/bin/env bash
# The data step benchmark: the engine moving 500,000 rows through a data rule beside one INSERT INTO ... SELECT.
# Results: bench/results/data-<date>.md. AIBOS_BENCH_ROWS overrides the source row count (600,000, of which 500,000 move).
exec "$(dirname "$0")/bench.sh" data
