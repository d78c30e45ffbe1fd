#!/usr/bin/env bash
# Times `patchctl run` against plain `dnf upgrade --security --exclude='kernel*' -y` on identical fresh
# lab hosts (same repos, same packages: PACKAGES installed, SECURE with security updates, 2 of them
# kernels), RUNS times each in alternating order; prints both medians, the ratio, and dnf invocations.
#   bench/agent-vs-dnf.sh [RUNS=5] [PACKAGES=60] [SECURE=40]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-5}"; PACKAGES="${2:-60}"; SECURE="${3:-40}"
bin/patchctl --version >/dev/null          # build the jar if needed
export PATCHCTL_NO_BUILD=1
JAR=patchctl-cli/target/patchctl.jar   # the operator jar: it carries the lab (LabMain)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/patchctl-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

newhost() { java -cp "$JAR" io.patchctl.lab.LabMain host "$1" "fleet:$PACKAGES:$SECURE"; }
# warm-up, not timed: builds the lab and lets bin/patchctl create its CDS archive from a real run
( eval "$(newhost "$WORK/warmup")"; HOME="$HOME" bin/patchctl run --scan-only --installroot="$INSTALLROOT" \
    --dnf-arg=--config="$DNF_CONF" --dnf-arg=--releasever=8 --dnf-arg=--noplugins --advisor=rules \
    --instance-id=i-0bench --spool-dir="$WORK/spool" >/dev/null 2>&1 || true )
now() { date +%s.%N; }

dnf_times=(); agent_times=(); invocations=""
for i in $(seq 1 "$RUNS"); do
  eval "$(newhost "$WORK/dnf$i")";   DNF_ROOT="$INSTALLROOT"; DNF_CFG="$DNF_CONF"
  eval "$(newhost "$WORK/agent$i")"; AGENT_ROOT="$INSTALLROOT"; AGENT_CFG="$DNF_CONF"
  run_dnf() {
    local t0; t0=$(now)
    HOME="$HOME" dnf --installroot="$DNF_ROOT" --config="$DNF_CFG" --releasever=8 --noplugins \
      upgrade --security --exclude='kernel*' -y >"$WORK/dnf$i.out" 2>&1
    dnf_times+=("$(echo "$(now) - $t0" | bc)")
  }
  run_agent() {
    local t0; t0=$(now)
    set +e
    HOME="$HOME" bin/patchctl run --installroot="$AGENT_ROOT" --dnf-arg=--config="$AGENT_CFG" \
      --dnf-arg=--releasever=8 --dnf-arg=--noplugins --advisor=rules --instance-id=i-0bench \
      --spool-dir="$WORK/spool" >"$WORK/agent$i.json" 2>"$WORK/agent$i.err"
    local code=$?
    set -e
    agent_times+=("$(echo "$(now) - $t0" | bc)")
    [ "$code" -eq 0 ] || { echo "patchctl run exited $code:"; cat "$WORK/agent$i.err"; exit 1; }
  }
  if [ $((i % 2)) -eq 1 ]; then run_dnf; run_agent; else run_agent; run_dnf; fi
  invocations="$(grep -o '"dnf_invocations" : [0-9]*' "$WORK/agent$i.json" | grep -o '[0-9]*$')"
  # both hosts must end in the same state, or the comparison is meaningless
  a="$(HOME="$HOME" rpm --root "$DNF_ROOT" -qa | sort)"; b="$(HOME="$HOME" rpm --root "$AGENT_ROOT" -qa | sort)"
  [ "$a" = "$b" ] || { echo "hosts differ after run $i"; diff <(echo "$a") <(echo "$b"); exit 1; }
  echo "run $i: dnf ${dnf_times[-1]} s, patchctl ${agent_times[-1]} s" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
md="$(median "${dnf_times[@]}")"; ma="$(median "${agent_times[@]}")"
updated="$(grep -c 'Upgrading  *:' "$WORK/dnf1.out" || true)"
echo "lab: $PACKAGES packages, $SECURE security updates (2 kernels held), $updated upgraded per run, $RUNS runs each"
echo "plain dnf upgrade --security --exclude='kernel*' -y : median ${md} s"
echo "patchctl run --advisor=rules                         : median ${ma} s"
echo "ratio patchctl/dnf                                   : $(echo "scale=2; $ma / $md" | bc)"
echo "dnf invocations per patchctl run                     : $invocations"
echo "load average at end                                  : $(cut -d' ' -f1-3 /proc/loadavg)"
