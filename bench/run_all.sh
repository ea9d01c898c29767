#!/bin/sh
# Every bench figure in one go: the earlier benches (import, matching, documents, consolidated
# report; each on its own throwaway SQLite file), then the municipality at scale (generation,
# pages, load run with gunicorn + locust on 127.0.0.1).
#
#   bench/run_all.sh            # full: about 7 minutes on 2 vCPU
#   QUICK=1 bench/run_all.sh    # one repeat of everything, a 30-second load run
#
# The scale database is SCALE_DATABASE_URL (default: local PostgreSQL mentoring_scale; it is
# dropped and recreated). DATABASE_URL is ignored on purpose: the benches write to their database.
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if [ "${QUICK:-0}" = 1 ]; then
    R1="--repeat 1"; R3="--repeat 1"; DURATION=30
else
    R1=""; R3=""; DURATION=60
fi
run() {
    title=$1; shift
    echo
    echo "=== $title"
    started=$(date +%s)
    env -u DATABASE_URL "$@"
    echo "--- $title: $(( $(date +%s) - started )) s"
}
echo "$(date '+%d.%m.%Y %H:%M'), $(nproc) CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/^Mem:/ {print $2}') RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
run "import (5 000 rows)" $PY bench/import_bench.py $R1
run "matching (300 x 100)" $PY bench/matching_bench.py $R3
run "documents" $PY bench/documents_bench.py $R1
run "consolidated monthly report (40 schools)" $PY bench/consolidated_bench.py $R1
run "municipality at scale: generation" $PY bench/scale_data.py
run "municipality at scale: pages" $PY bench/pages_bench.py
run "municipality at scale: load run" $PY bench/load_run.py --duration $DURATION
run "municipality at scale: pair health" $PY bench/health_bench.py --add-work $R3
run "municipality at scale: reminders of a day" $PY bench/reminders_bench.py --smtp $R3
