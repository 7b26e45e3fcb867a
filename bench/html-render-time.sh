#!/usr/bin/env bash
# Times how long headless Chromium takes to render an NTA HTML report: opens the page from disk RUNS times through
# ChromeDriver's WebDriver protocol (curl; no client library) and prints the page's size and, per run, the
# navigation's loadEventEnd (the page parsed, styled and its script run) and the wall time of the navigate command.
#
#   bench/html-render-time.sh REPORT.html [RUNS]        (RUNS defaults to 5)
#
# Needs chromium and chromium-driver (apt-get install -y chromium chromium-driver), curl and python3.
set -euo pipefail
PAGE=${1:?usage: bench/html-render-time.sh REPORT.html [RUNS]}
RUNS=${2:-5}
[ -r "$PAGE" ] || { echo "cannot read $PAGE" >&2; exit 2; }
for t in chromedriver chromium curl python3; do command -v "$t" >/dev/null || { echo "missing $t (apt-get install -y chromium chromium-driver curl)" >&2; exit 4; }; done
PAGE=$(realpath "$PAGE")
PORT=$((20000 + RANDOM % 20000))
chromedriver --port=$PORT >/dev/null 2>&1 &
DRIVER=$!
trap 'kill $DRIVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/status" >/dev/null && break; sleep 0.1; done
wd() { curl -sf -X "$1" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT$2" ${3:+-d "$3"}; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
echo "page: $PAGE ($(stat -c %s "$PAGE") bytes), $(chromium --version 2>/dev/null | head -1)"
for ((i = 1; i <= RUNS; i++)); do
  sid=$(wd POST /session '{"capabilities":{"alwaysMatch":{"browserName":"chrome","goog:chromeOptions":{"binary":"/usr/bin/chromium","args":["--headless=new","--no-sandbox","--disable-gpu","--window-size=1400,1000"]}}}}' | json 'd["value"]["sessionId"]')
  wd POST "/session/$sid/url" '{"url":"about:blank"}' >/dev/null     # the browser's own start is not the page's
  t0=$(date +%s%N)
  wd POST "/session/$sid/url" "{\"url\":\"file://$PAGE\"}" >/dev/null
  t1=$(date +%s%N)
  load=$(wd POST "/session/$sid/execute/sync" '{"script":"var n = performance.getEntriesByType(\"navigation\")[0]; return n ? n.loadEventEnd : -1","args":[]}' | json 'd["value"]')
  printf 'run %d: loadEventEnd %.0f ms, navigate %d ms\n' "$i" "$load" $(((t1 - t0) / 1000000))
  wd DELETE "/session/$sid" >/dev/null
done
