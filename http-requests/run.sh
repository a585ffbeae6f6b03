#!/usr/bin/env bash
# Runs every request of every .http file here with httpyac against a running service, checking each
# one's assertions (status and values); exits non-zero if any fails. Installs httpyac from npm if needed.
# usage: http-requests/run.sh [BASE_URL]        (default: the "local" environment of http-client.env.json)
set -euo pipefail
cd "$(dirname "$0")"
version=6.16.7
tools=${RNN_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rnn-service-tools}
if [[ ! -x "$tools/node_modules/.bin/httpyac" ]]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund "httpyac@$version" >/dev/null)
fi
args=(--all --env local -o none --bail)
[[ $# -ge 1 ]] && args+=(--var "host=$1")
"$tools/node_modules/.bin/httpyac" send ./*.http "${args[@]}"
