#!/usr/bin/env bash
# The Bedrock advisor's benchmark: prompt size of patchctl's prompt vs the seed's (raw
# `dnf check-update --security` pasted into the prompt) for one update set; the plan reply's size
# (chars, chars/4, stand-in tokens) at 10/120/400 pending updates, exceptions-only vs the previous
# shape, and whether the model or the rules planned (a stand-in answering from the prompt, cut at
# max_tokens like Bedrock, through the real SDK); and Bedrock calls of
# 50-host lab cycles with K distinct update sets (target: exactly K). WireMock stands in for Bedrock,
# S3Proxy for the bucket; discovery is real dnf in lab installroots. Offline, no credentials.
#   bench/bedrock-advisor.sh [K_LIST=1,4] [HOSTS=50]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
K_LIST="${1:-1,4}"; HOSTS="${2:-50}"
./mvnw -q -B -pl patchctl-agent -am test -Dtest=BedrockAdvisorBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.k="$K_LIST" -Dbench.hosts="$HOSTS"
cat patchctl-agent/target/bench/bedrock-advisor.txt
