#!/usr/bin/env bash
# Failure-insights Lambda benchmark: cold start (a new JVM runs the shaded jar's handler on one event
# until the report is stored in S3), warm per-event time (model latency excluded) and the jar size.
# S3 (S3Proxy) and Bedrock (WireMock) run on 127.0.0.1. Prints the figures; also in
# patchctl-lambda/target/insights-bench.txt.
#   bench/insights-bench.sh [RUNS=5] [WARM_EVENTS=100]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-5}"; EVENTS="${2:-100}"
./mvnw -B -q -pl patchctl-lambda -am package -DskipTests
./mvnw -B -q -pl patchctl-lambda -am test -Dtest=InsightsBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.runs="$RUNS" -Dbench.events="$EVENTS"
cat patchctl-lambda/target/insights-bench.txt
