#!/usr/bin/env bash
# The browser tests need Chromium. On Debian/Ubuntu as root this installs the distribution's
# package; test tools never download a browser of their own. Runs before `npm test`.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium from the distribution's packages for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium: install your distribution's chromium package, or set CHROMIUM_PATH." >&2
exit 1
