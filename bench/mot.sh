#!/usr/bin/env bash
# Times "peakend moments", "peakend leverage" and "peakend report" on VISITS simulated
# service-hall visits (default 1 000 000, about 8.2 M rows) whose memory
# weighs the peak, and prints their wall time and peak memory.
#
#   bash bench/mot.sh [VISITS]     (bash bench/mot.sh 2000 runs in seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
visits=${1:-1000000}
source bench/lib.sh
[ -x /usr/bin/time ] || install time
[ -x /usr/bin/time ] || note "GNU time is not installed: no memory figures"
data="$out/hall-$visits.csv"
if [ ! -s "$data" ]; then
  "$out/peakend" simulate --visits "$visits" --seed 2 --memory peak=0.6,end=0.2,mean=0.2,noise=0.3 > "$data.part"
  mv "$data.part" "$data"
fi
cat "$data" > /dev/null
printf '| command | seconds | peak memory (MB) |\n|---|---:|---:|\n'
for cmd in moments leverage report; do
  measure "$cmd" "$out/peakend" "$cmd" examples/servicehall/hall.yaml "$data" |
    awk '{ printf "| peakend %s | %s | %s |\n", $1, $2, ($3 == "-" ? "-" : sprintf("%.0f", $3 / 1024)) }'
done
size=$("$out/peakend" report examples/servicehall/hall.yaml "$data" | wc -c)
echo "report HTML: $size bytes"
