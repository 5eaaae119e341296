#!/bin/sh
# Builds a plan's HTML site and checks it in a real browser:
#   1. crawl.py: lang, one h1, heading order, unique ids, every internal
#      link and image resolves, no external resource;
#   2. browser.mjs: axe-core (WCAG 2.x A/AA and best practices) in headless
#      Chromium over every page at 390 and 1280 px (and without script), no
#      sideways scrolling at 390 px, no request leaving the site;
#      keyboard.mjs: term tooltips by Tab, Esc and the pointer, focus rings,
#      table boxes;
#   3. screenshots of every page at 390 and 1280 px wide (the top 2000 px,
#      as a reader first sees it) with chromium's own --screenshot, to look at.
# Usage: tests/html/check.sh [PLAN_DIR [SHOTS_DIR]]
#   PLAN_DIR  default source-docs; SHOTS_DIR default /tmp/plancc-shots
#   PLANCC    the binary (default build/plancc)
# Needs Debian's chromium and `npm install` in tests/html (axe-core,
# playwright-core). Exit 1 on any problem.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
plan=${1:-$root/source-docs}
shots=${2:-/tmp/plancc-shots}
plancc=${PLANCC:-$root/build/plancc}
out=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$out" "$profile"' EXIT

"$plancc" build "$plan" -o "$out" --format html
[ -d "$here/node_modules/axe-core" ] || (cd "$here" && npm install --no-audit --no-fund --silent)

echo "== crawl"
python3 "$here/crawl.py" "$out/html"

echo "== axe-core and sideways scrolling in Chromium"
node "$here/browser.mjs" "$out/html"

echo "== tooltips, focus rings and table boxes with the keyboard and the pointer"
node "$here/keyboard.mjs" "$out/html"

echo "== screenshots into $shots"
mkdir -p "$shots"
for page in "$out"/html/*.html; do
	name=$(basename "$page" .html)
	for width in 390 1280; do
		chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
			--no-first-run --disable-component-update --disable-sync \
			--user-data-dir="$profile" --hide-scrollbars --window-size="$width,2000" \
			--screenshot="$shots/$name-$width.png" "file://$page" >/dev/null 2>&1
	done
done
ls "$shots" | wc -l | sed 's/$/ screenshots/'
