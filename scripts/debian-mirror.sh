#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt sources already use (deb822
# .sources files first, then sources.list), so that scripts can add a suite
# on it without naming any registry host. Exits 2 when there is none.
set -euo pipefail
mirror=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  mirror=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ && $2 !~ /security/ {print $2; exit}' "$f")
  [ -n "$mirror" ] && break
done
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" && $2 ~ /debian\/?$/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
fi
[ -n "$mirror" ] || { echo "no Debian mirror in the apt sources" >&2; exit 2; }
echo "$mirror"
