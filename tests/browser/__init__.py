"""The site proven in a real browser: end-to-end journeys, accessibility,
valid HTML, Lighthouse scores and a page-weight budget.

    bash scripts/install-browser-deps.sh
    .venv/bin/python -m pytest tests/browser -q
"""
