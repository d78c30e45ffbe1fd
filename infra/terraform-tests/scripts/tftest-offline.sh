#!/usr/bin/env bash
# Runs `terraform test` (infra/terraform/tests/*.tftest.hcl, mocked AWS provider) offline: a copy of
# infra/terraform initialised from the local provider mirror, so nothing is written to the tree.
# Usage: infra/terraform-tests/scripts/tftest-offline.sh
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../../.." && pwd)"
PLUGIN_DIR="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
command -v terraform >/dev/null || { echo "tftest-offline: terraform not found on PATH" >&2; exit 1; }
[ -d "$PLUGIN_DIR" ] || { echo "tftest-offline: no provider mirror at $PLUGIN_DIR (set TF_PLUGIN_DIR)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -r "$REPO/infra/terraform" "$WORK/tf"
rm -rf "$WORK/tf/.terraform" "$WORK/tf/.terraform.lock.hcl"
cd "$WORK/tf"
terraform init -backend=false -input=false -plugin-dir="$PLUGIN_DIR" >/dev/null
terraform test -no-color
