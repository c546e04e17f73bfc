#!/usr/bin/env bash
# Debian packages youjun needs beyond Python, installed only when missing (idempotent).
#
#   fonts-wqy-zenhei     CJK font for the PDF report (16 MB; without one, WeasyPrint prints
#                        Chinese as boxes). fonts-noto-cjk (89 MB) works too but is not needed.
#   libharfbuzz-subset0  font subsetting for WeasyPrint: much faster PDF writing
#   poppler-utils        pdftotext / pdftoppm, used by the report tests
#
# Usage: scripts/install-system-deps.sh [--with-browser]
#   --with-browser  also Chromium: it prints the district report to PDF (WeasyPrint does without it,
#                   slower) and runs the web platform's browser tests and screenshots (~500 MB)
# postgresql gives the server binaries scripts/with-postgres.sh starts on loopback for the web tests;
# openjdk-17-jre-headless (only when no java is on PATH) runs Spark for the analytics tests.
# Run as root or with sudo available. Safe to run repeatedly: it only calls apt-get when a
# package is missing.
set -euo pipefail

packages=(fonts-wqy-zenhei libharfbuzz-subset0 poppler-utils postgresql)
# Java 17 for Spark (the analytics suite runs on DuckDB and on Spark): only when none is on PATH.
if ! command -v java >/dev/null 2>&1; then
  packages+=(openjdk-17-jre-headless)
fi
if [[ "${1:-}" == "--with-browser" ]]; then
  packages+=(chromium)
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--with-browser]" >&2
  exit 2
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system packages present: ${packages[*]}"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing ${missing[*]} and no apt-get here: install them with this system's package manager" >&2
  exit 1
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "missing ${missing[*]}: run this script as root" >&2
    exit 1
  fi
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
# A new font is seen by WeasyPrint only once fontconfig's cache knows it.
if command -v fc-cache >/dev/null 2>&1; then
  "${sudo_cmd[@]}" fc-cache -f >/dev/null
fi
