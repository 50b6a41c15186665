#!/usr/bin/env bash
# Times the whole "peakend render" process against native Graphviz
# ("dot -Tsvg", whole process) on the same DOT, for the service hall and a
# synthetic 200-touchpoint blueprint; with go-graphviz's compilation cache
# warm and cold; SVG and PDF. Prints a Markdown table.
#
#   bash bench/render.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
need=()
command -v dot >/dev/null || need+=(graphviz)
command -v hyperfine >/dev/null || need+=(hyperfine)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
go build -o "$out/peakend" ./cmd/peakend

# The synthetic blueprint: 20 stages, 200 touchpoints across the lanes,
# flows along and down, five journeys (as in blueprint/poster's benchmark).
/usr/bin/python3 - > "$out/synthetic200.yaml" <<'PY'
lanes = ["evidence", "customer", "frontstage", "backstage", "support"]
print("peakend: 1\nname: Synthetic\nlocale: en\nstages:")
for s in range(20):
    print(f"  - {{id: s{s}, name: Stage {s+1}}}")
print("touchpoints:")
for i in range(200):
    nxt = []
    if i + 20 < 200: nxt.append(f"t{i+20}")
    if i % 20 + 1 < 20 and i + 1 < 200: nxt.append(f"t{i+1}")
    print(f"  - {{id: t{i}, stage: s{i%20}, lane: {lanes[(i//20)%5]}, name: Touchpoint {i} of the synthetic service, next: [{', '.join(nxt)}]}}")
print("journeys:")
for j in range(5):
    steps = [f"t{20 + s + j%2}" for s in range(0, 20, 2)]  # the customer lane
    print(f"  - {{id: j{j}, steps: [{', '.join(steps)}], peaks: [{steps[5]}]}}")
PY

for name in hall synthetic200; do
  src=examples/servicehall/hall.yaml
  [ "$name" = synthetic200 ] && src="$out/synthetic200.yaml"
  "$out/peakend" render --date '' "$src" -o "$out/$name.dot"
  nodes=$(grep -cE '^\s+[a-z0-9]+ \[' "$out/$name.dot")
  hyperfine -N --warmup 3 --runs 15 --export-json "$out/$name.json" \
    -n "dot -Tsvg" "dot -Tsvg -o /dev/null $out/$name.dot" \
    -n "peakend render svg" "$out/peakend render --date '' -o /dev/null --format svg $src" \
    -n "peakend render pdf" "$out/peakend render --date '' -o $out/x.pdf $src" >/dev/null
  cold=$( { /usr/bin/time -f "%e" sh -c "rm -rf \"\${TMPDIR:-/tmp}/go-graphviz\" && $out/peakend render --date '' -o /dev/null --format svg $src"; } 2>&1 | tail -1)
  /usr/bin/python3 - "$out/$name.json" "$name" "$nodes" "$cold" <<'PY'
import json, sys
runs = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
dot = runs["dot -Tsvg"]
print(f"| {sys.argv[2]} ({sys.argv[3]} nodes) | {dot:.0f} | {runs['peakend render svg']:.0f} ({runs['peakend render svg']/dot:.1f}×) | "
      f"{runs['peakend render pdf']:.0f} ({runs['peakend render pdf']/runs['peakend render svg']:.1f}× svg) | {float(sys.argv[4])*1000:.0f} |")
PY
done
