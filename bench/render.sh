#!/usr/bin/env bash
# Times the whole "peakend render" process against native Graphviz
# ("dot -Tsvg", whole process) on the same DOT, for the service hall and a
# synthetic 200-touchpoint blueprint; SVG, PDF and PNG (150 dpi). Prints a
# Markdown table.
#
#   bash bench/render.sh [RUNS]    (median of RUNS runs, default 15;
#                                   bash bench/render.sh 2 runs in seconds)
#
# hyperfine gives the medians; without it each command is timed RUNS times
# by the shell. Native dot is skipped with a note when Graphviz is
# missing (the poster's fonts travel with peakend). BENCH_INSTALL=1
# installs graphviz and hyperfine (Debian, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
runs=${1:-15}
command -v dot >/dev/null || install graphviz
command -v hyperfine >/dev/null || install hyperfine

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

# median_ms NAME COMMAND: the median wall time of $runs runs, in ms.
median_ms() {
  local name=$1 cmd=$2
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/hf.json" -n "$name" "$cmd" >/dev/null
    /usr/bin/python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$out/hf.json"
  else
    local times=()
    for _ in $(seq "$runs"); do
      local t0 t1; t0=$(date +%s%N); sh -c "$cmd" >/dev/null 2>&1; t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
  fi
}

command -v hyperfine >/dev/null || note "hyperfine is not installed: times are the shell's, median of $runs"
command -v dot >/dev/null || note "Graphviz is not installed: the native dot column is skipped"
printf '| graph | native dot -Tsvg, ms | peakend render svg, ms | peakend render pdf, ms | peakend render png, ms |\n|---|---:|---:|---:|---:|\n'
for name in hall synthetic200; do
  src=examples/servicehall/hall.yaml
  [ "$name" = synthetic200 ] && src="$out/synthetic200.yaml"
  "$out/peakend" render -q --date '' "$src" -o "$out/$name.dot"
  nodes=$(grep -cE '^\s+[a-z0-9]+ \[' "$out/$name.dot")
  dot_ms=-
  command -v dot >/dev/null && dot_ms=$(median_ms "dot -Tsvg" "dot -Tsvg -o /dev/null $out/$name.dot")
  svg_ms=$(median_ms "peakend render svg" "$out/peakend render -q --date '' -o $out/x.svg $src")
  pdf_ms=$(median_ms "peakend render pdf" "$out/peakend render -q --date '' -o $out/x.pdf $src")
  png_ms=$(median_ms "peakend render png" "$out/peakend render -q --date '' -o $out/x.png $src")
  awk -v n="$name" -v nodes="$nodes" -v d="$dot_ms" -v s="$svg_ms" -v p="$pdf_ms" -v g="$png_ms" 'BEGIN {
    printf "| %s (%s nodes) | %s | %s%s | %s (%.1f× svg) | %s (%.1f× svg) |\n", n, nodes, d, s, (d == "-" ? "" : sprintf(" (%.1f×)", s / d)),
      p, p / s, g, g / s }'
done
