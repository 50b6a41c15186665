#!/usr/bin/env bash
# Times "peakend score" against the same per-visit features computed with
# pandas and with R data.table, on one simulated file of VISITS visits of
# ten moments each, and prints a table with the ratios.
#
#   bash bench/run.sh [VISITS]     (default 1000000, about 10 M rows)
#
# It installs python3-pandas, r-cran-data.table and GNU time when they are
# missing (Debian), and keeps its files in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
visits=${1:-1000000}
out=bench/out
mkdir -p "$out"

need=()
/usr/bin/python3 -c 'import pandas' 2>/dev/null || need+=(python3-pandas)
command -v Rscript >/dev/null && Rscript -e 'library(data.table)' >/dev/null 2>&1 || need+=(r-cran-data.table)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

go build -o "$out/peakend" ./cmd/peakend
data="$out/visits-$visits.csv"
if [ ! -s "$data" ]; then
  "$out/peakend" simulate --visits "$visits" --seed 1 --blueprint bench/tenstep.yaml > "$data"
fi
rows=$(($(wc -l < "$data") - 1))
cat "$data" > /dev/null # warm the page cache for everyone

# measure NAME COMMAND...: best wall time of 3 runs, and its peak RSS
measure() {
  local name=$1; shift
  local best="" mem=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > /dev/null
    read -r secs kb < "$out/time.txt"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$secs; mem=$kb; fi
  done
  echo "$name $best $mem"
}

{
  measure peakend "$out/peakend" score -o "$out/peakend.csv" "$data"
  measure pandas /usr/bin/python3 bench/features.py "$data" "$out/pandas.csv"
  measure data.table Rscript bench/features.R "$data" "$out/datatable.csv"
} > "$out/results.txt"

awk -v rows="$rows" -v visits="$visits" '
  { name[NR]=$1; secs[NR]=$2; mb[NR]=$3/1024 }
  END {
    printf "%d visits, %d rows, %s\n\n", visits, rows, "best of 3 runs, whole process, output written"
    printf "| tool | seconds | peak memory (MB) | peakend faster by |\n|---|---:|---:|---:|\n"
    for (i = 1; i <= NR; i++)
      printf "| %s | %.2f | %.0f | %s |\n", name[i], secs[i], mb[i], (i == 1 ? "" : sprintf("%.1f×", secs[i] / secs[1]))
  }' "$out/results.txt"
