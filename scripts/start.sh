#!/usr/bin/env bash
# `npm start`: build the API and the web app, create and migrate the database, load the demo organisation into an empty
# database, then run the API and one worker until Ctrl-C. Outside production, a mail catcher
# receives the notification e-mails. Configuration: see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build
# After the API's build, which empties dist/: the web app the API serves at / (dist/web).
npm run --silent build:web
node dist/libs/persistence/src/migrate.main.js
node dist/libs/demo-data/src/load-demo.main.js

# Whether something accepts connections on 127.0.0.1:<port>.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# In development the worker mails through SMTP_URL, by default 127.0.0.1:1025, where nothing
# listens on a newcomer's machine: every e-mail would fail and be retried, loudly. So unless
# SMTP_URL points at another server, or something already listens on its port (a catcher of your
# own, or one from an earlier start), MailDev catches the mails and shows them on a web page.
catcher=""
mail_web=""
if [ "${NODE_ENV:-development}" != production ] && [[ "${SMTP_URL:-smtp://127.0.0.1:1025}" =~ ^smtp://(127\.0\.0\.1|localhost):([0-9]+)/?$ ]]; then
  smtp_port="${BASH_REMATCH[2]}"
  if ! listening "$smtp_port"; then
    web_port=1080
    while listening "$web_port" && [ "$web_port" -lt 1099 ]; do web_port=$((web_port + 1)); done
    # Its banner goes nowhere; the address is printed below with the API's.
    node_modules/.bin/maildev --smtp "$smtp_port" --ip 127.0.0.1 --web "$web_port" --web-ip 127.0.0.1 --silent >/dev/null &
    catcher=$!
    for _ in $(seq 1 40); do
      if curl -fs -H 'Accept: text/html' "http://127.0.0.1:$web_port/" >/dev/null 2>&1; then
        mail_web="http://127.0.0.1:$web_port"
        break
      fi
      kill -0 "$catcher" 2>/dev/null || break
      sleep 0.25
    done
    [ -n "$mail_web" ] || echo "The mail catcher (MailDev) did not start; e-mails wait until an SMTP server listens on 127.0.0.1:$smtp_port."
  fi
fi

node dist/apps/worker/src/main.js &
worker=$!
node dist/apps/api/src/main.js &
api=$!
trap 'kill -TERM $api $worker $catcher 2>/dev/null; wait' INT TERM

url="${PUBLIC_URL:-http://${HOST:-127.0.0.1}:${PORT:-3000}}"
for _ in $(seq 1 60); do
  if curl -fs "$url/health" >/dev/null 2>&1; then
    node dist/libs/demo-data/src/demo-cases.main.js || echo "The demo cases could not all be reported; Flyt runs on."
    printf '\nFlyt is running: open %s  (API: %s/api, OpenAPI: %s/docs, health: %s/health)\n' "$url" "$url" "$url" "$url"
    [ -z "$mail_web" ] || printf 'E-mails Flyt sends: %s  (MailDev, catching what goes to %s)\n' "$mail_web" "${SMTP_URL:-smtp://127.0.0.1:1025}"
    printf 'Stop with Ctrl-C.\n\n'
    break
  fi
  kill -0 $api 2>/dev/null || break
  sleep 0.5
done

# Stop all when the API or the worker exits.
wait -n $api $worker || status=$?
kill -TERM $api $worker $catcher 2>/dev/null || true
wait || true
exit "${status:-0}"
