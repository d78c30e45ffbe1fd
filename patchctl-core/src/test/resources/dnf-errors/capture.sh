#!/usr/bin/env bash
# Regenerates the captured dnf/rpm error texts the rules-analyst tests classify. Builds tiny RPMs and
# runs the real dnf against a throwaway installroot, in a user+mount namespace (no root needed).
# Usage: capture.sh [OUTDIR]   (default: the directory of this script). Needs dnf, rpmbuild,
# createrepo_c, busybox-static, unshare.
set -euo pipefail
out=$(cd "${1:-$(dirname "$0")}" && pwd)
if [ "${CAPTURE_IN_NS:-}" != 1 ]; then
  exec env CAPTURE_IN_NS=1 unshare -rm --map-root-user "$0" "$out"
fi
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
export HOME=$w/home
mkdir -p "$HOME" "$w/repo" "$w/specs" "$w/build"
printf '%%_dbpath /var/lib/rpm\n%%_topdir %s\n' "$w/build" > "$HOME/.rpmmacros"

spec() { # name version extra-preamble install-script pre-script
  cat > "$w/specs/$1.spec" <<SPEC
Name: $1
Version: $2
Release: 1.el8
Summary: capture test package
License: MIT
BuildArch: noarch
$3
%description
capture
%install
mkdir -p %{buildroot}/opt/$1
$4
%files
/opt/*
$5
SPEC
  rpmbuild -bb --quiet "$w/specs/$1.spec" >/dev/null 2>&1
}
spec shell 1.0 $'Provides: /bin/sh\nAutoReqProv: no' "echo x > %{buildroot}/opt/shell/x" ""
spec base 1.0 "" "echo v1 > %{buildroot}/opt/\$(echo base)/conf" ""
spec clash 1.0 "" "mkdir -p %{buildroot}/opt/base; echo other > %{buildroot}/opt/base/conf" ""
spec needy 1.0 "Requires: libmissing.so.3()(64bit)" "echo x > %{buildroot}/opt/needy/x" ""
spec badpre 1.0 "" "echo x > %{buildroot}/opt/badpre/x" $'%pre\necho "preinstall check failed: /etc/badpre.conf missing" >&2\nexit 1'
spec bulky 1.0 "" "head -c 8388608 /dev/urandom > %{buildroot}/opt/bulky/blob" ""
cp "$w"/build/RPMS/noarch/*.rpm "$w/repo/"
createrepo_c -q "$w/repo"

root=$w/root
mkdir -p "$root/bin" "$root/etc"
cp /bin/busybox "$root/bin/sh"
cat > "$w/dnf.conf" <<CONF
[main]
gpgcheck=0
reposdir=$w/repos.d
cachedir=$w/cache
metadata_expire=0
CONF
mkdir -p "$w/repos.d"
cat > "$w/repos.d/lab.repo" <<REPO
[lab]
name=lab
baseurl=file://$w/repo
gpgcheck=0
REPO
dnfr() { dnf -y -q --noplugins --releasever=8 --config="$w/dnf.conf" --installroot="$root" "$@"; }
capture() { # file, command...
  local f=$1; shift
  set +e
  "$@" > "$w/cap.txt" 2>&1
  local rc=$?
  set -e
  { echo "# exit=$rc cmd: ${*##*/}" | sed "s#$w#/tmp/lab#g"; sed "s#$w#/tmp/lab#g" "$w/cap.txt"; } > "$out/$f"
}

dnfr install shell base >/dev/null 2>&1
capture dependency-problem.txt dnfr install needy
capture file-conflict.txt dnfr install clash
capture scriptlet-failure.txt dnfr install badpre

cat > "$w/repos.d/gpg.repo" <<REPO
[lab-signed]
name=lab signed
baseurl=file://$w/repo
gpgcheck=1
gpgkey=file://$w/missing-key.asc
REPO
capture gpg-check-failure.txt dnfr --disablerepo=lab install bulky
rm "$w/repos.d/gpg.repo"

cat > "$w/repos.d/down.repo" <<REPO
[rhel-8-for-x86_64-appstream-rpms]
name=Red Hat Enterprise Linux 8 for x86_64 - AppStream (RPMs)
baseurl=file://$w/no-such-mirror/appstream
gpgcheck=0
REPO
capture metadata-download.txt dnfr upgrade --security
rm "$w/repos.d/down.repo"

# Disk space: the installroot on an 4 MiB tmpfs, an 8 MiB package.
small=$w/small
mkdir -p "$small"
mount -t tmpfs -o size=4m tmpfs "$small"
mkdir -p "$small/bin"; cp /bin/busybox "$small/bin/sh"
capture disk-space.txt dnf -y -q --noplugins --releasever=8 --config="$w/dnf.conf" --installroot="$small" install bulky
umount "$small"

# rpm database lock held by another transaction.
mkdir -p "$root/var/lib/rpm"
# rpm takes fcntl (not flock) locks: hold one the way a running transaction does.
python3 -c 'import fcntl,sys,time; f=open(sys.argv[1],"a"); fcntl.lockf(f, fcntl.LOCK_EX); time.sleep(20)' \
  "$root/var/lib/rpm/.rpm.lock" &
holder=$!
sleep 0.5
capture rpm-lock.txt timeout -s INT 4 dnf -y --noplugins --releasever=8 --config="$w/dnf.conf" --installroot="$root" remove base
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
ls "$out"
