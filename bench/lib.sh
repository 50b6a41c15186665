# Shared by the bench scripts: source it after cd to the repository root.
#
#   measure NAME COMMAND...   best wall time of $BENCH_RUNS runs (default 3),
#                             its peak RSS and its CPU time (user and
#                             system), as "NAME SECONDS KB CPU"; KB and
#                             CPU are "-" without GNU time.
#   note MESSAGE              says on stderr what was skipped and why
#   install PACKAGE...        installs Debian packages, only when
#                             BENCH_INSTALL=1 and run as root
# It builds the command into bench/out/peakend.
out=bench/out
mkdir -p "$out"
runs=${BENCH_RUNS:-3}

measure() {
  local name=$1; shift
  local best="" mem="-" cpu="-" secs kb user sys
  for _ in $(seq "$runs"); do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" "$@" > /dev/null
      read -r secs kb user sys < "$out/time.txt"
    else
      local t0 t1
      t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
      secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'); kb="-" user="-"
    fi
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best=$secs mem=$kb
      cpu=$([ "$user" = - ] && echo - || awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    fi
  done
  echo "$name $best $mem $cpu"
}

note() { echo "note: $*" >&2; }

install() {
  [ "${BENCH_INSTALL:-0}" = 1 ] && [ "$(id -u)" = 0 ] || return 0
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || note "could not install $*"
}

go build -o "$out/peakend" ./cmd/peakend
