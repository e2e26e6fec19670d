"""Interface strings through gettext catalogs (Flask-Babel), one catalog per language.

Message ids are English; commitments/translations/zh/LC_MESSAGES/messages.po holds
the Chinese, editable with any PO tool. Catalogs are compiled when the app starts
if the .po is newer than its .mo, so editors never run a separate step.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import g
from flask_babel import Babel, get_translations
from markupsafe import Markup

from .templating import page_helper

CATALOGS = Path(__file__).resolve().parents[1] / "translations"
BABEL_LOCALES = {"zh": "zh", "en": "en"}


def compile_catalogs(folder: Path = CATALOGS) -> None:
    for po_path in folder.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po:
            catalog = read_po(po)
        # A temporary name of its own: two builds may start at once on a fresh clone.
        with tempfile.NamedTemporaryFile("wb", dir=mo_path.parent, suffix=".mo.tmp", delete=False) as mo:
            write_mo(mo, catalog)
        Path(mo.name).replace(mo_path)


def _locale() -> str:
    return BABEL_LOCALES.get(getattr(g, "lang", "zh"), "zh")


def init_app(app) -> None:
    compile_catalogs()
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(CATALOGS))
    # Message ids are English: a language without a catalog must fall back to them.
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    Babel(app, locale_selector=_locale)
    # Templates call gettext a few dozen times a page; Flask-Babel looks the catalog up
    # anew each time (a third of a search page's rendering). The catalogs do not change
    # while the app runs (`serve --debug` restarts on an edit), so one lookup per language.
    catalogs = {}

    def translations():
        locale = _locale()
        found = catalogs.get(locale)
        if found is None:
            found = catalogs[locale] = get_translations()
        return found

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    # A page says some thirty messages, each through three of Jinja's calls; most take no
    # variables, and then the result depends only on the language: made once per language.
    # What Jinja's newstyle gettext and ngettext do (jinja2.ext._make_new_gettext), less
    # the indirections.
    translated: dict = {}

    @page_helper
    def gettext(context, string: str, /, **variables):
        autoescape = context.eval_ctx.autoescape
        if not variables:
            # The page's language as the template has it (views._template_helpers took
            # it from g): the same as _locale() gives, without a context proxy each time.
            key = (context.get("lang", "zh"), string, autoescape)
            found = translated.get(key)
            if found is None:
                text = translations().ugettext(string)
                found = translated[key] = (Markup(text) if autoescape else text) % variables
            return found
        text = translations().ugettext(string)
        return (Markup(text) if autoescape else text) % variables

    @page_helper
    def ngettext(context, singular: str, plural: str, num: int, /, **variables):
        variables.setdefault("num", num)
        text = translations().ungettext(singular, plural, num)
        return (Markup(text) if context.eval_ctx.autoescape else text) % variables

    # `_` is Jinja's alias that calls the global gettext: the same function, one call less.
    app.jinja_env.globals.update(gettext=gettext, ngettext=ngettext, _=gettext)
