#!/usr/bin/env bash
# Installs Debian's chromium and playwright-core (from npm, without a browser download) if needed, then
# drives Swagger UI of a running service: node ui-test/swagger-ui.mjs.
# usage: ui-test/run.sh [BASE_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x /usr/bin/chromium ]]; then
  echo "installing chromium from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [[ ! -d ui-test/node_modules/playwright-core ]]; then
  (cd ui-test && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund >/dev/null)
fi
mkdir -p target
node ui-test/swagger-ui.mjs "${1:-http://localhost:8080}" target/swagger-ui.png
