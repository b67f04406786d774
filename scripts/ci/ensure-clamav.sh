#!/usr/bin/env bash
# ClamAV for the tests (DESIGN.md §7: the scanner in tests is the real program with a test
# signature set). No signature database can be downloaded here, and clamd refuses to start
# with an empty one, so this writes a one-line body signature that detects the EICAR test
# string (also inside larger files, PDFs and zips) and runs a private clamd on it.
#
#   ensure-clamav.sh [start]  install Debian's clamav + clamav-daemon if clamd is missing (as
#                             root), write the database and clamd.conf under
#                             .test-data/clamav/, start clamd unless it already answers, and
#                             print the socket path (the only line on stdout).
#   ensure-clamav.sh status   exit 0 when our clamd answers PING, 1 otherwise.
#   ensure-clamav.sh stop     stop our clamd (no-op when it is not running).
#
# Idempotent. Touches only its own directory and pid; never the system's clamav-daemon.
set -euo pipefail
cd "$(dirname "$0")/../.."

MODE="${1:-start}"
DIR="$PWD/.test-data/clamav"
DB_DIR="$DIR/db"
CONF="$DIR/clamd.conf"
PID_FILE="$DIR/clamd.pid"
LOG_FILE="$DIR/clamd.log"
SOCKET="$DIR/clamd.sock"
# A unix socket path must fit in sun_path (108 bytes). A deep checkout gets a short one in /tmp.
if [ "${#SOCKET}" -gt 100 ]; then
  SOCKET="${TMPDIR:-/tmp}/concierge-clamd-$(id -u)-$(printf '%s' "$PWD" | cksum | cut -d' ' -f1).sock"
fi

say() { echo "clamav: $*" >&2; }

# clamd's PING over the unix socket; node is always here (the project needs it).
ping_clamd() {
  [ -S "$SOCKET" ] || return 1
  node -e '
    const s = require("node:net").createConnection(process.argv[1]);
    let a = "";
    const done = (ok) => { s.destroy(); process.exit(ok ? 0 : 1); };
    s.setTimeout(2000, () => done(false));
    s.on("connect", () => s.write("zPING\0"));
    s.on("data", (c) => { a += c; if (a.includes("\0")) done(a.startsWith("PONG")); });
    s.on("end", () => done(a.startsWith("PONG")));
    s.on("error", () => done(false));
  ' "$SOCKET"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

stop_clamd() {
  local pid
  if pid="$(running_pid)"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "clamd ($pid) did not stop on TERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "stopped clamd ($pid)"
  fi
  rm -f "$PID_FILE" "$SOCKET"
}

find_clamd() {
  command -v clamd 2>/dev/null || { [ -x /usr/sbin/clamd ] && echo /usr/sbin/clamd; } || true
}

install_clamav() {
  if [ "$(id -u)" != "0" ]; then
    say "clamd is missing. Install Debian's packages: sudo apt-get install -y clamav clamav-daemon"
    exit 1
  fi
  say "installing Debian's clamav and clamav-daemon…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq clamav clamav-daemon >/dev/null
}

# The EICAR test string, as a ClamAV body signature (.ndb: Name:TargetType:Offset:Hex; target 0 =
# any file, offset * = anywhere). ClamAV reports it as "Concierge.Test.EICAR.UNOFFICIAL": it
# marks signatures from databases it did not sign. Kept as hex so no EICAR file is committed.
write_database() {
  mkdir -p "$DB_DIR"
  local eicar_hex="58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d5354414e444152442d414e544956495255532d544553542d46494c452124482b482a"
  printf 'Concierge.Test.EICAR:0:*:%s\n' "$eicar_hex" >"$DB_DIR/concierge-test.ndb.tmp"
  mv "$DB_DIR/concierge-test.ndb.tmp" "$DB_DIR/concierge-test.ndb"
}

# StreamMaxLength must equal lib/scanner's DEFAULT_MAX_SCAN_BYTES (25 MiB): bigger streams are
# refused by the app before they reach clamd. No TCP socket; the log records no file names
# (streams are logged as "stream") and clean results are not logged at all.
write_config() {
  cat >"$CONF.tmp" <<EOF
# Written by scripts/ci/ensure-clamav.sh for the tests. Do not edit; it is rewritten.
LocalSocket $SOCKET
LocalSocketMode 600
FixStaleSocket yes
PidFile $PID_FILE
DatabaseDirectory $DB_DIR
Foreground no
LogFile $LOG_FILE
LogFileMaxSize 1M
LogTime yes
LogClean no
MaxThreads 4
StreamMaxLength 25M
# Fail closed: content clamd skips (over its limits, encrypted) is reported, not passed as OK.
MaxFileSize 30M
MaxScanSize 120M
AlertExceedsMax yes
AlertEncrypted yes
CommandReadTimeout 10
ReadTimeout 30
SelfCheck 3600
Bytecode no
EOF
  mv "$CONF.tmp" "$CONF"
}

case "$MODE" in
  status)
    running_pid >/dev/null && ping_clamd
    ;;
  stop)
    stop_clamd
    ;;
  start)
    CLAMD="$(find_clamd)"
    if [ -z "$CLAMD" ]; then
      install_clamav
      CLAMD="$(find_clamd)"
      [ -n "$CLAMD" ] || { say "clamd still missing after installing clamav-daemon"; exit 1; }
    fi
    mkdir -p "$DIR"
    write_database
    write_config
    if running_pid >/dev/null && ping_clamd; then
      say "clamd already running ($(running_pid)), $("$CLAMD" --version)"
      echo "$SOCKET"
      exit 0
    fi
    stop_clamd 2>/dev/null # a stale pid file or socket from a crash
    # Without Foreground, clamd loads the database, binds the socket, then daemonizes.
    if ! "$CLAMD" --config-file="$CONF" >&2; then
      say "clamd failed to start; see $LOG_FILE"
      tail -n 20 "$LOG_FILE" >&2 2>/dev/null || true
      exit 1
    fi
    for _ in $(seq 1 100); do
      if ping_clamd; then
        say "clamd ready ($(running_pid || echo '?')), $("$CLAMD" --version)"
        echo "$SOCKET"
        exit 0
      fi
      sleep 0.1
    done
    say "clamd does not answer at $SOCKET; see $LOG_FILE"
    tail -n 20 "$LOG_FILE" >&2 2>/dev/null || true
    exit 1
    ;;
  *)
    echo "usage: $0 [start|status|stop]" >&2
    exit 2
    ;;
esac
