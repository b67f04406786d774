#!/usr/bin/env bash
# Makes sure the PostgreSQL server the tests use answers. On machines of this kind the local
# cluster is started before work begins; if it has stopped, start it again.
set -euo pipefail
URL="$1"
if pg_isready -d "$URL" -q 2>/dev/null; then
  echo "postgresql: ready"
  exit 0
fi
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  echo "postgresql: not answering; starting the local cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -d "$URL" -q && { echo "postgresql: ready"; exit 0; }; sleep 1; done
fi
echo "PostgreSQL does not answer at $URL. Start it, or set DATABASE_URL to a server the tests may create databases on." >&2
exit 1
