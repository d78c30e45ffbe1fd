#!/usr/bin/env bash
# Benchmark of the per-update circuit breaker: one simulated cycle (default 50 hosts, concurrency 4, rules
# advisor, real dnf in lab installroots) with the lab's bad package, with the breaker on and off
# (--no-quarantine): hosts failed, non-compliant, packages installed, hosts saved.
# Usage: bench/quarantine.sh [HOSTS] [CONCURRENCY]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CP_FILE="$(mktemp "${TMPDIR:-/tmp}/patchctl-bench-cp.XXXXXX")"
trap 'rm -f "$CP_FILE"' EXIT
# compile main and test classes of the CLI and its modules, and print the test classpath (no install)
./mvnw -q -B -o -pl patchctl-cli -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
CP="patchctl-cli/target/test-classes:patchctl-cli/target/classes:$(cat "$CP_FILE")"
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" io.patchctl.cli.QuarantineBenchmark "$@"
