#!/usr/bin/env bash
# Fetch the web front-end's third-party assets from the npm registry and place them where
# the Django app serves them (build/vendor/, served by whitenoise; nothing loads from a CDN).
# Idempotent: does nothing when the pinned version is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
ECHARTS_VERSION="${ECHARTS_VERSION:-5.6.0}"
NPM_DIR=build/npm
VENDOR=build/vendor/echarts
STAMP="$VENDOR/.version"
if [[ -f "$VENDOR/echarts.min.js" && -f "$STAMP" && "$(cat "$STAMP")" == "$ECHARTS_VERSION" ]]; then
  exit 0
fi
mkdir -p "$NPM_DIR" "$VENDOR"
npm install --prefix "$NPM_DIR" --no-audit --no-fund --no-save --loglevel=error "echarts@$ECHARTS_VERSION" >/dev/null
cp "$NPM_DIR/node_modules/echarts/dist/echarts.min.js" "$VENDOR/echarts.min.js"
cp "$NPM_DIR/node_modules/echarts/LICENSE" "$VENDOR/LICENSE"
echo "$ECHARTS_VERSION" > "$STAMP"
echo "echarts $ECHARTS_VERSION -> $VENDOR/echarts.min.js"
