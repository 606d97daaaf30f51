#!/usr/bin/env bash
# The set-up step of the README's test command, shown in it before the build:
#     setup/install-browser.sh && ./mvnw -B -ntp -T 1C verify        (.ci/run runs exactly this)
# The browser tests drive Debian's chromium through chromium-driver, with a Chinese font for readable screenshots.
# This step installs those three packages when they are missing — it is the only place anything is installed; the
# build and the tests never install or change anything on the machine (the build's first check, in the root pom,
# stops at once when they are missing). It also checks, and never installs, Node.js and npm for the web module.
# Whatever it cannot do it says plainly, with the command that would do it, and stops the test command at once.
set -euo pipefail
say() { echo "setup/install-browser.sh: $*" >&2; }

node_ok() {
    command -v node >/dev/null && command -v npm >/dev/null \
        && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
if ! node_ok; then
    say "the build needs Node.js 20.19 or newer with npm on the PATH (found: $(node --version 2>/dev/null || echo none))"
    say "install Node.js (https://nodejs.org), then run the test command again"
    exit 1
fi

PACKAGES=(chromium chromium-driver fonts-wqy-zenhei)
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ]; then
    say "chromium, chromium-driver and the Chinese font are installed: nothing to do"
    exit 0
fi
fail() {
    say "$1"
    say "the browser tests need Debian's ${PACKAGES[*]}; install them, e.g."
    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
    say "then run the test command again"
    exit 1
}
command -v apt-get >/dev/null || fail "this machine has no apt-get"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || fail "not root, and sudo needs a password"
    SUDO=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
say "installing ${PACKAGES[*]} from Debian's packages"
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2; then
    "${SUDO[@]}" apt-get update >&2 || fail "apt-get update failed"
    "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2 || fail "apt-get install failed"
fi
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] \
    || fail "apt-get ran, yet chromium, chromedriver or the Chinese font is still missing"
say "installed: $(/usr/bin/chromedriver --version)"
