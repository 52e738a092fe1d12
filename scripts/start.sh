#!/usr/bin/env bash
# `npm start`: build, create and migrate the database, load the demo organisation into an empty
# database, then run the API and one worker until Ctrl-C. Configuration: see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
node dist/libs/persistence/src/migrate.main.js
node dist/libs/demo-data/src/load-demo.main.js

node dist/apps/worker/src/main.js &
worker=$!
node dist/apps/api/src/main.js &
api=$!
trap 'kill -TERM $api $worker 2>/dev/null; wait' INT TERM

url="${PUBLIC_URL:-http://${HOST:-127.0.0.1}:${PORT:-3000}}"
for _ in $(seq 1 60); do
  if curl -fs "$url/health" >/dev/null 2>&1; then
    node dist/libs/demo-data/src/demo-cases.main.js || echo "The demo cases could not all be reported; Flyt runs on."
    printf '\nFlyt is running: API %s  (OpenAPI: %s/docs, health: %s/health)\nStop with Ctrl-C.\n\n' "$url" "$url" "$url"
    break
  fi
  kill -0 $api 2>/dev/null || break
  sleep 0.5
done

# Stop both when either exits.
wait -n $api $worker || status=$?
kill -TERM $api $worker 2>/dev/null || true
wait || true
exit "${status:-0}"
