#!/usr/bin/env bash
# Install what the tests need beyond Rust: Debian's postgresql package (the
# store's PostgreSQL tests run on a throwaway cluster started by
# scripts/pg-test-cluster.sh), and for the browser end-to-end test
# (tests/e2e) Debian's chromium package (not a Playwright browser download)
# and the npm packages pinned in tests/e2e/package-lock.json. Idempotent, and
# fast when everything is already there: apt runs only when postgresql,
# chromium or node is missing, npm ci only when the lock file changed since
# the last install.
#
# Then: cargo test --workspace
#       cargo build -p dossier-cli && node tests/e2e/run.mjs
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
fi

apt_install() {
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

if [ -x /usr/bin/chromium ]; then
  echo "install-test-deps: chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo unknown version))"
else
  echo "install-test-deps: installing chromium (apt)"
  apt_install chromium
fi

# PostgreSQL's server (initdb, pg_ctl) for the store's PostgreSQL tests, run
# through scripts/pg-test-cluster.sh on a throwaway cluster.
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "install-test-deps: postgresql present ($(ls -d /usr/lib/postgresql/*/ | xargs -n1 basename | tr '\n' ' '))"
else
  echo "install-test-deps: installing postgresql (apt)"
  apt_install postgresql
  # Debian's package may start a system cluster; the tests use their own.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-test-deps: installing nodejs and npm (apt)"
  apt_install nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "install-test-deps: warning: node $(node --version) is older than the 20 that playwright-core asks for" >&2
fi

cd tests/e2e
stamp="node_modules/.dossier-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d node_modules/playwright-core ]; then
  echo "install-test-deps: tests/e2e/node_modules up to date"
else
  echo "install-test-deps: npm ci in tests/e2e"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
