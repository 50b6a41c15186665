#!/usr/bin/env bash
# Times the statistics of issue 9 on simulated panels and prints their
# wall time and peak memory:
#   - "peakend fit" plain and "fit --cluster customer" on VISITS visits
#     (default 1 000 000, about 8.2 M rows) by VISITS/10 customers, run
#     in turns so that the machine's drift falls on both alike;
#   - "peakend compare --cluster customer --cv 10" on VISITS/5 visits.
#
#   bash bench/stats.sh [VISITS]     (bash bench/stats.sh 2000 runs in seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
visits=${1:-1000000}
source bench/lib.sh
[ -x /usr/bin/time ] || install time
[ -x /usr/bin/time ] || note "GNU time is not installed: no memory figures"
panel() { # panel VISITS: a cached simulated panel of VISITS visits
  local data="$out/panel-$1.csv"
  if [ ! -s "$data" ]; then
    "$out/peakend" simulate --visits "$1" --customers $(($1 / 10)) --seed 2 \
      --memory peak=0.5,end=0.3,mean=0.2,noise=0.4 > "$data.part"
    mv "$data.part" "$data"
  fi
  cat "$data" > /dev/null
  echo "$data"
}
big=$(panel "$visits")
small=$(panel $((visits / 5)))
row() { awk '{ printf "| %s | %s | %s |\n", $1, $2, ($3 == "-" ? "-" : sprintf("%.0f", $3 / 1024)) }'; }
printf '| command | seconds | peak memory (MB) |\n|---|---:|---:|\n'
for _ in $(seq "$runs"); do
  BENCH_RUNS=1 measure "fit($visits)" "$out/peakend" fit "$big" | row
  BENCH_RUNS=1 measure "fit--cluster-customer($visits)" "$out/peakend" fit --cluster customer "$big" | row
done
measure "compare--cluster-customer--cv-10($((visits / 5)))" "$out/peakend" compare --cluster customer --cv 10 "$small" | row
