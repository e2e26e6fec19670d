#!/usr/bin/env bash
# Install what tests/browser needs, idempotently, on a Debian machine (as root):
#   - Debian's chromium (driven by Playwright, Lighthouse and axe-core) and a
#     Java runtime for the Nu Html Checker (vnu.jar);
#   - node_modules from package.json / package-lock.json (axe-core, lighthouse,
#     vnu-jar), with `npm ci`;
#   - the Python packages of requirements-browser.txt into .venv.
# Needs network access to Debian's mirrors, the npm registry and PyPI only:
# no browser is downloaded (`playwright install` is never run).
#
#   bash scripts/install-browser-deps.sh
#
# Then: .venv/bin/python -m pytest tests/browser -q
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '==> %s\n' "$*"; }

# ---------------------------------------------------------------- Debian
# fonts-noto-cjk: the Chinese pages need a CJK font for screenshots and layout
# checks to mean anything (a new machine has none).
APT_PACKAGES=(chromium default-jre-headless fonts-noto-cjk)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: ${missing[*]} missing and not root: run as root or install them with apt-get" >&2
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  say "${APT_PACKAGES[*]} are installed"
fi
test -x /usr/bin/chromium || { echo "error: /usr/bin/chromium not found after install" >&2; exit 1; }
command -v java >/dev/null || { echo "error: java not found after install" >&2; exit 1; }

# ---------------------------------------------------------------- npm
command -v npm >/dev/null || { echo "error: npm not found (Node.js 18.16 or newer is needed)" >&2; exit 1; }
lock_digest="$(cat package.json package-lock.json | sha256sum | cut -c1-16)"
npm_stamp="node_modules/.installed-$lock_digest"
if [[ -f "$npm_stamp" ]]; then
  say "node_modules is up to date"
else
  say "npm ci"
  # No package has an install script; --ignore-scripts makes sure nothing downloads a browser.
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$npm_stamp"
fi

# ---------------------------------------------------------------- Python
if [[ ! -x .venv/bin/python ]]; then
  say "creating .venv"
  python3 -m venv .venv
fi
req_digest="$(cat requirements-browser.txt requirements-dev.txt requirements.txt | sha256sum | cut -c1-16)"
pip_stamp=".venv/.installed-browser-$req_digest"
if [[ -f "$pip_stamp" ]]; then
  say ".venv has requirements-browser.txt"
else
  say "pip install -r requirements-browser.txt"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-browser.txt
  touch "$pip_stamp"
fi

say "versions: $(/usr/bin/chromium --version 2>/dev/null | head -1); $(java -version 2>&1 | head -1);" \
    "playwright $(.venv/bin/python -c 'from importlib.metadata import version; print(version("playwright"))')"
