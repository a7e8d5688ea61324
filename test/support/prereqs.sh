#!/usr/bin/env bash
# Test prerequisites that do not come from npm: Debian's Chromium (page tests) and PostgreSQL (trend store tests).
# Installs what is missing when run as root with apt; otherwise says what to install. Idempotent and quiet.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing test prerequisites: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Tests need Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
fi
