#!/usr/bin/env bash
# Installs what a fresh machine lacks: Debian packages (Chromium, fonts,
# socat, Xvfb, poppler, CUPS, espeak-ng) and the npm dependencies.
# Idempotent: a machine that has everything is left as it is.
#   --ci   always run `npm ci` (clean install from the lock file)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium fonts-noto-core socat xvfb poppler-utils cups printer-driver-cups-pdf espeak-ng imagemagick)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--ci" ] || [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
echo "setup: ready ($(node_modules/.bin/node --version) for the kiosk core, $(/usr/bin/chromium --version 2>/dev/null | head -1))"
