#!/usr/bin/env bash
# The local demo: builds a lab (RPM repos with security advisories) and a host installroot, then runs
# `patchctl run --scan-only` and `patchctl run` against it with real dnf, printing both reports.
# (`bin/patchctl simulate` is the fleet version and the README's demo.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bin/patchctl --version >/dev/null   # builds the jar if missing
DIR="$(mktemp -d "${TMPDIR:-/tmp}/patchctl-demo.XXXXXX")"
eval "$(java -cp patchctl-cli/target/patchctl.jar io.patchctl.lab.LabMain host "$DIR/host" mixed)"
export HOME   # the lab's private HOME: its .rpmmacros keeps rpm's database at /var/lib/rpm in the installroot
args=(--installroot="$INSTALLROOT" --dnf-arg=--config="$DNF_CONF" --dnf-arg=--releasever=8 --dnf-arg=--noplugins
      --advisor=rules --env=demo --instance-id=i-0demo --report-dir="$DIR/reports" --spool-dir="$DIR/spool")
echo "== patchctl run --scan-only (exit 3 = allowed security updates pending)" >&2
set +e
bin/patchctl run --scan-only "${args[@]}"
echo "== exit code $?" >&2
echo "== patchctl run" >&2
bin/patchctl run "${args[@]}"
code=$?
set -e
echo "== exit code $code; reports under $DIR/reports:" >&2
find "$DIR/reports" -type f >&2
exit "$code"
