#!/usr/bin/env bash
# The systemd unit (deploy/softclose.service) and `make install`, checked without a running
# systemd: installs into a temporary DESTDIR, then
#   - the binary, the browser client and the unit are where the unit expects them, and the
#     installed binary runs;
#   - `systemd-analyze verify --root=DESTDIR` accepts the unit with no warning at all (it resolves
#     ExecStart inside DESTDIR; the system's own units are copied in so targets resolve);
#   - two broken copies prove the check can fail: a missing binary, and an unknown key;
#   - `systemd-analyze security --offline` rates the sandbox at most 2.0 ("OK");
#   - the hardening directives the unit promises are present.
# Prints one line per check and "verify-unit: N passed, N failed"; exits 1 on any failure.
set -u
cd "$(dirname "$0")/../.."
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
prefix=${PREFIX:-/usr/local}

if make --no-print-directory install DESTDIR="$root" PREFIX="$prefix" >"$root.log" 2>&1; then ok "make install DESTDIR=… PREFIX=$prefix"
else bad "make install failed: $(tail -5 "$root.log")"; fi
rm -f "$root.log"

unit=$(find "$root" -name softclose.service -type f | head -1)
unit_rel=${unit#"$root"}
[ -f "$unit" ] && ok "unit installed at $unit_rel" || bad "no unit installed"
exec_path=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit" 2>/dev/null)
web_path=$(sed -n 's/^ExecStart=.*--web-root \([^ ]*\).*/\1/p' "$unit" 2>/dev/null)
[ -n "$exec_path" ] && [ -x "$root$exec_path" ] && ok "ExecStart binary $exec_path installed" || bad "ExecStart binary '$exec_path' not installed"
[ -n "$web_path" ] && [ -f "$root$web_path/index.html" ] && [ -f "$root$web_path/facilitate.html" ] && ok "web root $web_path installed" || bad "web root '$web_path' missing index.html/facilitate.html"
if "$root$exec_path" --version 2>/dev/null | grep -q '^softclose '; then ok "installed binary runs"; else bad "installed binary does not run"; fi

for d in 'DynamicUser=yes' 'StateDirectory=softclose' 'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
         'NoNewPrivileges=yes' 'CapabilityBoundingSet=' 'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' \
         'SystemCallFilter=@system-service' 'LimitNOFILE=65536' 'Restart=on-failure'; do
  grep -qxF "$d" "$unit" 2>/dev/null && ok "unit has $d" || bad "unit lacks $d"
done

if ! command -v systemd-analyze >/dev/null; then
  bad "systemd-analyze is not installed (Debian package systemd; scripts/deps.sh test installs it): the unit could not be verified"
else
  # The unit's dependencies (basic.target, network-online.target, …) must resolve inside --root.
  mkdir -p "$root/usr/lib/systemd" "$root/etc/systemd/system"
  cp -r /usr/lib/systemd/system "$root/usr/lib/systemd/" 2>/dev/null || cp -r /lib/systemd/system "$root/usr/lib/systemd/"
  verify() { systemd-analyze verify --man=no --generators=no --root="$root" "$1" 2>&1; }
  out=$(verify "$unit_rel"); rc=$?
  if [ $rc -eq 0 ] && [ -z "$out" ]; then ok "systemd-analyze verify: clean"
  else bad "systemd-analyze verify (exit $rc): $out"; fi
  # the check can fail: a unit whose binary is missing, and one with an unknown key
  d=$(dirname "$unit_rel")
  sed "s|^ExecStart=[^ ]*|ExecStart=$prefix/bin/softclose-missing|" "$unit" > "$root$d/broken-exec.service"
  out=$(verify "$d/broken-exec.service"); rc=$?
  [ $rc -ne 0 ] && ok "verify refuses a missing ExecStart binary" || bad "verify accepted a missing binary: $out"
  { cat "$unit"; printf '[Service]\nNoSuchHardening=yes\n'; } > "$root$d/broken-key.service"
  out=$(verify "$d/broken-key.service")
  [ -n "$out" ] && ok "an unknown key is reported" || bad "verify said nothing about an unknown key"
  sec=$(systemd-analyze security --offline=yes --threshold=20 --root="$root" "$unit_rel" 2>&1); rc=$?
  level=$(printf '%s\n' "$sec" | sed -n 's/.*Overall exposure level for softclose.service: \([0-9.]*\).*/\1/p')
  [ $rc -eq 0 ] && [ -n "$level" ] && ok "systemd-analyze security: exposure $level (at most 2.0)" || bad "systemd-analyze security (exit $rc, level '${level:-?}'): $(printf '%s\n' "$sec" | tail -3)"
fi
echo "verify-unit: $pass passed, $fail failed"
[ $fail -eq 0 ]
