#!/usr/bin/env bash
# Makes sure the PostgreSQL server binaries exist, so test/support/postgres.ts can start a throwaway cluster.
# Runs as root with apt access on a fresh CI machine; a no-op when PostgreSQL is already installed.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb >/dev/null
