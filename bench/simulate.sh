#!/usr/bin/env bash
# Benchmark of `patchctl simulate`: wall time and hosts/minute of 8- and 50-host cycles (rules advisor),
# then Bedrock calls per cycle vs distinct update sets with a counting Bedrock stand-in (WireMock on
# 127.0.0.1; no AWS account, no network). Usage: bench/simulate.sh [HOSTS...]   (default: 8 50)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CP_FILE="$(mktemp "${TMPDIR:-/tmp}/patchctl-bench-cp.XXXXXX")"
trap 'rm -f "$CP_FILE"' EXIT
# compile main and test classes of the CLI and its modules, and print the test classpath (no install)
./mvnw -q -B -pl patchctl-cli -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >&2
CP="patchctl-cli/target/test-classes:patchctl-cli/target/classes:$(cat "$CP_FILE")"
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" io.patchctl.cli.SimulateBenchmark "$@"
