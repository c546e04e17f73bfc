#!/usr/bin/env bash
# The consultation app is unreleased: see regen-migration.sh.
exec bash "$(dirname "$0")/regen-migration.sh" consultation
