#!/usr/bin/env bash
# Installs what patchctl's build, tests and demo need; safe to run again (installs only what is missing).
#   Debian/Ubuntu: a JDK 17+ if missing, dnf, rpm (rpmbuild), createrepo-c, busybox-static, dnf-plugins-core,
#                  chromium (the fleet report's browser tests), node/npm if missing (the IAM simulation)
#   RHEL/Fedora:   a JDK 17+ if missing, rpm-build, createrepo_c, busybox, dnf-plugins-core, chromium, node/npm
# Terraform and its AWS provider mirror (infra/terraform-tests/scripts/plan-offline.sh) come from no
# distribution package source: they are checked at the end and named when missing.
# Other engineers: add your packages to the lists below.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_java() {
  if ! command -v java >/dev/null 2>&1; then return 0; fi
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
  [ "${v%%.*}" -lt 17 ] 2>/dev/null
}

if command -v apt-get >/dev/null 2>&1; then
  pkgs=(dnf rpm createrepo-c busybox-static dnf-plugins-core chromium)
  if need_java; then pkgs+=(openjdk-17-jdk-headless); fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then pkgs+=(nodejs npm); fi
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
elif command -v dnf >/dev/null 2>&1; then
  pkgs=(rpm-build createrepo_c busybox dnf-plugins-core chromium)
  if need_java; then pkgs+=(java-17-openjdk-devel); fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then pkgs+=(nodejs npm); fi
  missing=()
  for p in "${pkgs[@]}"; do rpm -q "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}" >&2
    $SUDO dnf install -y -q "${missing[@]}"
  fi
else
  echo "install-deps: neither apt-get nor dnf found; install a JDK 17+, dnf, rpm/rpmbuild, createrepo_c and a static busybox" >&2
  exit 1
fi

for tool in java dnf rpm rpmbuild createrepo_c modifyrepo_c busybox chromium node npm python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-deps: $tool still missing" >&2; exit 1; }
done
# The Terraform tests run a real offline `terraform plan` (no package source here: install by hand).
# Only they need it: the demo does not, so a missing terraform is named here, and those tests fail
# naming it again (they never skip).
command -v terraform >/dev/null 2>&1 || echo "install-deps: warning: terraform >= 1.6 missing (https://developer.hashicorp.com/terraform/install); the demo works, the Terraform tests will fail" >&2
[ -d "${TF_PLUGIN_DIR:-/opt/tf-plugins}" ] || echo "install-deps: warning: no AWS provider mirror at ${TF_PLUGIN_DIR:-/opt/tf-plugins} (terraform providers mirror DIR, in infra/terraform/examples/basic, where the registry is reachable); the demo works, the Terraform tests will fail" >&2
echo "install-deps: ok" >&2
