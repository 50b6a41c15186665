#!/usr/bin/env bash
# Times "peakend score" against the same per-visit features computed with
# pandas and with R data.table, on one simulated file of VISITS visits of
# ten moments each, and prints a table with the ratios.
#
#   bash bench/run.sh [VISITS]     (default 1000000, about 10 M rows)
#   bash bench/run.sh 2000         (seconds: what CI runs, to keep it working)
#
# pandas, R data.table and GNU time are used when installed; a missing one
# is skipped with a note (BENCH_INSTALL=1 installs them, Debian, as root).
# BENCH_RUNS sets the runs per tool (default 3, the best is kept). Files
# are kept in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
visits=${1:-1000000}
source bench/lib.sh
/usr/bin/python3 -c 'import pandas' 2>/dev/null || install python3-pandas
{ command -v Rscript >/dev/null && Rscript -e 'library(data.table)' >/dev/null 2>&1; } || install r-cran-data.table
[ -x /usr/bin/time ] || install time

data="$out/visits-$visits.csv"
if [ ! -s "$data" ]; then
  "$out/peakend" simulate --visits "$visits" --seed 1 --blueprint bench/tenstep.yaml > "$data.part"
  mv "$data.part" "$data"
fi
rows=$(($(wc -l < "$data") - 1))
cat "$data" > /dev/null # warm the page cache for everyone

{
  measure peakend "$out/peakend" score -q -o "$out/peakend.csv" "$data"
  if /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
    measure pandas /usr/bin/python3 bench/features.py "$data" "$out/pandas.csv"
  else
    note "pandas is not installed: its row is skipped"
  fi
  if command -v Rscript >/dev/null && Rscript -e 'library(data.table)' >/dev/null 2>&1; then
    measure data.table Rscript bench/features.R "$data" "$out/datatable.csv"
  else
    note "R data.table is not installed: its row is skipped"
  fi
} > "$out/results.txt"
[ -x /usr/bin/time ] || note "GNU time is not installed: no memory figures"

awk -v rows="$rows" -v visits="$visits" -v runs="$runs" '
  { name[NR]=$1; secs[NR]=$2; mb[NR]=($3 == "-" ? "-" : sprintf("%.0f", $3/1024)) }
  END {
    printf "%d visits, %d rows, best of %d runs, whole process, output written\n\n", visits, rows, runs
    printf "| tool | seconds | peak memory (MB) | peakend faster by |\n|---|---:|---:|---:|\n"
    for (i = 1; i <= NR; i++)
      printf "| %s | %.2f | %s | %s |\n", name[i], secs[i], mb[i], (i == 1 || secs[1] == 0 ? "" : sprintf("%.1f×", secs[i] / secs[1]))
  }' "$out/results.txt"
