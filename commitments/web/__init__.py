"""Stage 4: the Flask site over a loaded `Library`.

The live server and the static build use the same application; the static build
freezes it with relative URLs (see `commitments.freeze`).
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from flask import Flask

from ..library import load_library

ROOT = Path(__file__).resolve().parents[2]


def create_app(content_dir: Path | None = None, read_entries=None, **config) -> Flask:
    """``read_entries``: how a report's commitments are read (library.load_library)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.update(CONTENT_DIR=Path(content_dir or ROOT / "content"), **config)
    # Loaded once: content files are checked here, so a mistake stops start-up with
    # its message instead of breaking one page at request time.
    library = load_library(app.config["CONTENT_DIR"], **({"read_entries": read_entries} if read_entries else {}))
    if app.config.get("BASE_URL"):  # --base-url, checked by commitments.publish
        library = replace(library, site=replace(library.site, base_url=app.config["BASE_URL"]))
    app.extensions["library"] = library

    from . import assets, data, i18n, lists, next_report, search, security, templating, urls, views
    security.init_app(app)
    templating.init_app(app)
    i18n.init_app(app)
    urls.init_app(app)
    assets.init_app(app)
    app.register_blueprint(views.bp)
    lists.init_app(app)  # cards, table rows, report sentences
    next_report.init_app(app)  # what the next year's report says
    app.register_blueprint(data.bp)
    search.init_app(app)  # the search page; checks content/synonyms.yaml
    return app
