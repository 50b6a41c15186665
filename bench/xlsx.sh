#!/usr/bin/env bash
# Reading visits from an .xlsx workbook beside the same rows as CSV:
# bash bench/xlsx.sh [ROWS] (default 1 000 000 rows, one sheet) times
# "peakend score" on each, whole process, best of $BENCH_RUNS, with its
# peak memory, and checks that both give the same output.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
rows=${1:-1000000}
go run ./bench/xlsxgen -rows "$rows" -o "$out"
"$out/peakend" score "$out/visits.csv" > "$out/from-csv.out"
"$out/peakend" score "$out/visits.xlsx" > "$out/from-xlsx.out"
cmp "$out/from-csv.out" "$out/from-xlsx.out" || { echo "the workbook and the CSV score differently" >&2; exit 1; }
echo "$rows rows, $(du -m "$out/visits.xlsx" | cut -f1) MB .xlsx, $(du -m "$out/visits.csv" | cut -f1) MB CSV; best of $runs runs, whole process"
echo
echo "| input | seconds | peak memory (MB) |"
echo "|---|---:|---:|"
for f in csv xlsx; do
  read -r name secs kb _ < <(measure "$f" "$out/peakend" score "$out/visits.$f")
  mb=$([ "$kb" = - ] && echo - || awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
  echo "| $name | $secs | $mb |"
done
