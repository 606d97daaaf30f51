#!/usr/bin/env bash
# The set-up step of the README's test command (`setup/browser-tests.sh && ./mvnw -B -ntp -T 1C verify`, which .ci/run
# runs): the browser tests need Debian's chromium and chromedriver, with a Chinese font for readable screenshots.
# It runs before Maven, never from the build or a test. Says what it installs; does nothing when all is there; stops
# the test command at once, saying what to do, when they are missing and cannot be installed here.
set -euo pipefail
# The people's ends (web/) are built by Maven with the machine's Node.js and npm: say so now, not ten minutes into
# the build. Nothing is installed for them here.
node_ok() {
    command -v node >/dev/null && command -v npm >/dev/null \
        && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
if ! node_ok; then
    echo "setup/browser-tests.sh: the build needs Node.js 20.19 or newer with npm on the PATH (found: $(node --version 2>/dev/null || echo none))" >&2
    echo "setup/browser-tests.sh: install Node.js (https://nodejs.org) and run the test command again" >&2
    exit 1
fi
PACKAGES=(chromium chromium-driver fonts-wqy-zenhei)
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then
    exit 0
fi
fail() {
    echo "setup/browser-tests.sh: $1" >&2
    echo "setup/browser-tests.sh: the browser tests need Debian's ${PACKAGES[*]}; install them, e.g." >&2
    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
    echo "setup/browser-tests.sh: then run the test command again" >&2
    exit 1
}
command -v apt-get >/dev/null || fail "this machine has no apt-get"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || fail "not root, and sudo needs a password"
    SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
echo "setup/browser-tests.sh: installing ${PACKAGES[*]} from Debian's packages" >&2
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2; then
    "${SUDO[@]}" apt-get update >&2 || fail "apt-get update failed"
    "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2 || fail "apt-get install failed"
fi
/usr/bin/chromedriver --version >&2
