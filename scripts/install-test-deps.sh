#!/usr/bin/env bash
# Installs what the test suite needs beyond a JDK: Debian's Chromium for the browser tests.
# Needs root (or sudo); does nothing when everything is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq chromium >/dev/null
