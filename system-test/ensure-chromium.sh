#!/usr/bin/env bash
# The browser tests' set-up step (run by ./verify before the build, never by a test): Debian's chromium and
# chromedriver, with a Chinese font for readable screenshots. Says what it installs; does nothing when all is there;
# stops the test command at once, saying what to do, when it is missing and cannot be installed here.
set -euo pipefail
PACKAGES=(chromium chromium-driver fonts-wqy-zenhei)
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then
    exit 0
fi
fail() {
    echo "ensure-chromium: $1" >&2
    echo "ensure-chromium: the browser tests need Debian's ${PACKAGES[*]}; install them, e.g." >&2
    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
    echo "ensure-chromium: then run the test command again" >&2
    exit 1
}
command -v apt-get >/dev/null || fail "this machine has no apt-get"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || fail "not root, and sudo needs a password"
    SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing ${PACKAGES[*]} from Debian's packages" >&2
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2; then
    "${SUDO[@]}" apt-get update >&2 || fail "apt-get update failed"
    "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2 || fail "apt-get install failed"
fi
/usr/bin/chromedriver --version >&2
