#!/usr/bin/env bash
# Times "peakend moments" and "peakend leverage" on VISITS simulated
# service-hall visits (default 1 000 000, about 8.2 M rows) whose memory
# weighs the peak, and prints their wall time and peak memory.
#
#   bash bench/mot.sh [VISITS]
set -euo pipefail
cd "$(dirname "$0")/.."
visits=${1:-1000000}
out=bench/out
mkdir -p "$out"
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
go build -o "$out/peakend" ./cmd/peakend
data="$out/hall-$visits.csv"
[ -s "$data" ] || "$out/peakend" simulate --visits "$visits" --seed 2 --memory peak=0.6,end=0.2,mean=0.2,noise=0.3 > "$data"
cat "$data" > /dev/null
printf '| command | seconds | peak memory (MB) |\n|---|---:|---:|\n'
for cmd in moments leverage; do
  best=""; mem=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$out/peakend" "$cmd" examples/servicehall/hall.yaml "$data" > /dev/null
    read -r secs kb < "$out/time.txt"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$secs; mem=$kb; fi
  done
  awk -v c="$cmd" -v s="$best" -v kb="$mem" 'BEGIN { printf "| peakend %s | %s | %.0f |\n", c, s, kb / 1024 }'
done
