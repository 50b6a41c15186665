#!/usr/bin/env bash
# Times "peakend score" (on every core, and with GOMAXPROCS=1), "peakend
# moments" and "peakend leverage" against the same per-visit features
# computed with DuckDB, pandas and R data.table, on one simulated file of
# VISITS visits of ten moments each, and prints a table with the ratios.
#
#   bash bench/run.sh [VISITS]     (default 1000000, about 10 M rows)
#   bash bench/run.sh 2000         (seconds: what CI runs, to keep it working)
#
# DuckDB comes from npm (@duckdb/node-api ships its engine), installed
# into DUCKDB_DIR (default ~/.cache/peakend/duckdb) when npm is there.
# pandas, R data.table and GNU time are used when installed; a missing one
# is skipped with a note (BENCH_INSTALL=1 installs them, Debian, as root).
# BENCH_RUNS sets the rounds (default 3): each round runs every tool once,
# in turn; the table shows the best of each, and the median over the
# rounds of its time over score's in the same round. Files are kept in
# bench/out/.
# Up to 200 000 visits every tool's features are checked equal to
# peakend's; at any size the outputs of score, score --summary, moments,
# leverage, fit and compare must be byte-identical on one core and on all.
set -euo pipefail
cd "$(dirname "$0")/.."
visits=${1:-1000000}
source bench/lib.sh
/usr/bin/python3 -c 'import pandas' 2>/dev/null || install python3-pandas
{ command -v Rscript >/dev/null && Rscript -e 'library(data.table)' >/dev/null 2>&1; } || install r-cran-data.table
[ -x /usr/bin/time ] || install time
duckdb_version=1.5.6-r.1
export DUCKDB_DIR=${DUCKDB_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/peakend/duckdb}
if command -v npm >/dev/null && [ "$(node -p "require('$DUCKDB_DIR/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null)" != "$duckdb_version" ]; then
  npm install --silent --no-audit --no-fund --prefix "$DUCKDB_DIR" "@duckdb/node-api@$duckdb_version" >/dev/null ||
    note "installing @duckdb/node-api failed"
fi
have_duckdb() { node -e "require('$DUCKDB_DIR/node_modules/@duckdb/node-api')" 2>/dev/null; }

data="$out/visits-$visits.csv"
if [ ! -s "$data" ]; then
  "$out/peakend" simulate --visits "$visits" --seed 1 --blueprint bench/tenstep.yaml > "$data.part"
  mv "$data.part" "$data"
fi
rows=$(($(wc -l < "$data") - 1))
cat "$data" > /dev/null # warm the page cache for everyone

tools=(peakend "peakend-1-core" moments leverage)
have_duckdb && tools+=(duckdb) || note "DuckDB (@duckdb/node-api) is not installed: its row is skipped"
/usr/bin/python3 -c 'import pandas' 2>/dev/null && tools+=(pandas) || note "pandas is not installed: its row is skipped"
{ command -v Rscript >/dev/null && Rscript -e 'library(data.table)' >/dev/null 2>&1; } && tools+=(data.table) ||
  note "R data.table is not installed: its row is skipped"
[ -x /usr/bin/time ] || note "GNU time is not installed: no memory figures"

run_tool() {
  case $1 in
    peakend) measure peakend "$out/peakend" score -q -o "$out/peakend.csv" "$data" ;;
    peakend-1-core) measure "peakend,_GOMAXPROCS=1" env GOMAXPROCS=1 "$out/peakend" score -q -o "$out/peakend-1.csv" "$data" ;;
    moments) measure "peakend_moments" "$out/peakend" moments bench/tenstep.yaml "$data" ;;
    leverage) measure "peakend_leverage" "$out/peakend" leverage bench/tenstep.yaml "$data" ;;
    duckdb) measure DuckDB node bench/features-duckdb.mjs "$data" "$out/duckdb.csv" ;;
    pandas) measure pandas /usr/bin/python3 bench/features.py "$data" "$out/pandas.csv" ;;
    data.table) measure data.table Rscript bench/features.R "$data" "$out/datatable.csv" ;;
  esac
}
rounds=$runs
runs=1 # measure's runs: the rounds interleave the tools instead
for _ in $(seq "$rounds"); do
  for tool in "${tools[@]}"; do run_tool "$tool"; done
done > "$out/results-all.txt"
# The best of each tool, in the order of the tools; and the median over
# the rounds of its time over score's in the same round, which a noisy
# machine moves less than a ratio of two bests.
awk '!($1 in best) || $2 < best[$1] { best[$1] = $2; mem[$1] = $3; cpu[$1] = $4 } !($1 in order) { order[$1] = ++n; name[n] = $1 }
  $1 == "peakend" { base = $2 } { k = ++rounds[$1]; ratio[$1, k] = (base > 0 ? $2 / base : 0) }
  function median(t,   m, i, j, x, v) {
    m = rounds[t]; for (i = 1; i <= m; i++) v[i] = ratio[t, i]
    for (i = 2; i <= m; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
  }
  END { for (i = 1; i <= n; i++) print name[i], best[name[i]], mem[name[i]], cpu[name[i]], median(name[i]) }' "$out/results-all.txt" > "$out/results.txt"

cmp -s "$out/peakend.csv" "$out/peakend-1.csv" || { echo "peakend score: the output on one core and on all differs" >&2; exit 1; }
# The other commands that read a file on every core and merge the parts
# must give it byte for byte too, as they do on one core.
for args in "score --summary" "moments bench/tenstep.yaml" "leverage bench/tenstep.yaml" "fit" "compare"; do
  # shellcheck disable=SC2086 # args are words
  "$out/peakend" $args "$data" > "$out/all-cores.out" 2>&1
  # shellcheck disable=SC2086
  GOMAXPROCS=1 "$out/peakend" $args "$data" > "$out/one-core.out" 2>&1
  cmp -s "$out/all-cores.out" "$out/one-core.out" || { echo "peakend $args: the output on one core and on all differs" >&2; exit 1; }
done
if [ "$visits" -le 200000 ]; then
  for f in duckdb pandas datatable; do
    [ -s "$out/$f.csv" ] && ! command -v node >/dev/null && note "no node: $f's features are not checked"
    [ -s "$out/$f.csv" ] && command -v node >/dev/null && { node bench/same-features.mjs "$out/peakend.csv" "$out/$f.csv" >/dev/null || { echo "$f's features differ from peakend's" >&2; exit 1; }; }
  done
fi

awk -v rows="$rows" -v visits="$visits" -v runs="$rounds" -v cores="$(nproc)" '
  { name[NR]=$1; gsub("_", " ", name[NR]); secs[NR]=$2; mb[NR]=($3 == "-" ? "-" : sprintf("%.0f", $3/1024)); cpu[NR]=$4; med[NR]=$5 }
  END {
    printf "%d visits, %d rows, %d cores, best of %d interleaved rounds, whole process, output written\n", visits, rows, cores, runs
    printf "score, score --summary, moments, leverage, fit and compare: byte-identical output on 1 core and on %d\n\n", cores
    printf "| tool | seconds | peak memory (MB) | CPU seconds | time / peakend score | median of the rounds |\n|---|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= NR; i++)
      printf "| %s | %.2f | %s | %s | %s | %s |\n", name[i], secs[i], mb[i], cpu[i],
        (i == 1 || secs[1] == 0 ? "" : sprintf("%.2f×", secs[i] / secs[1])), (i == 1 ? "" : sprintf("%.2f×", med[i]))
  }' "$out/results.txt"
