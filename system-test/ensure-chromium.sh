#!/usr/bin/env bash
# Makes sure Debian's chromium and chromedriver are on the machine, with a Chinese font for readable screenshots:
# the dashboard's browser test (DashboardBrowserIT) drives them. Runs as part of the system tests; harmless when
# everything is there.
set -euo pipefail
PACKAGES=(chromium chromium-driver fonts-wqy-zenhei)
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then
    exit 0
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing ${PACKAGES[*]} from Debian's packages" >&2
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2; then
    "${SUDO[@]}" apt-get update >&2
    "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2
fi
/usr/bin/chromedriver --version >&2
