#!/usr/bin/env bash
# Uploaded PDFs are read with qpdf (lib/files/read-pdf-objects.ts); without it every PDF is
# refused, and the PDF tests need the real program. Install Debian's package if missing.
set -euo pipefail
QPDF="${QPDF_PATH:-/usr/bin/qpdf}"
if [ -x "$QPDF" ]; then
  echo "qpdf: $("$QPDF" --version 2>/dev/null | sed -n 1p)"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "qpdf is missing at $QPDF. Install Debian's package: sudo apt-get install -y qpdf" >&2
  exit 1
fi
echo "Installing Debian's qpdf…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq qpdf >/dev/null
# sed reads all of it: `head` would close the pipe early and, under pipefail, fail the script.
echo "qpdf: $("$QPDF" --version | sed -n 1p)"
