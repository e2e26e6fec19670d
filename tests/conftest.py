"""Shared fixtures: the real content, a disposable copy of it, the app and a built site."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from commitments.build import build_site
from commitments.library import load_library, read_report
from commitments.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
BUNDLED = CONTENT / "reports" / "2021-changshu"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def report():
    return read_report(BUNDLED)


@pytest.fixture(scope="session")
def library():
    return load_library(CONTENT)


@pytest.fixture(scope="session")
def app():
    return create_app(CONTENT, TESTING=True)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def content_copy(tmp_path) -> Path:
    """A copy of content/ that a test may break."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The static build of the real content, made once per test run."""
    site = tmp_path_factory.mktemp("build") / "site"
    build_site(CONTENT, site)
    return site


@pytest.fixture()
def report_meta(report):
    return report.meta


@pytest.fixture(scope="session")
def two_reports_content(tmp_path_factory) -> Path:
    """content/ plus the 2022 Anguo report of ../shared/corpus (slug 2022-anguo): two reports."""
    from commitments.importer import add_report, import_reports

    source = SHARED / "corpus" / "anguo_city_2022.txt"
    if not source.is_file():
        pytest.skip("../shared/corpus is not beside the project")
    content = tmp_path_factory.mktemp("two-reports") / "content"
    shutil.copytree(CONTENT, content)
    add_report(content, source, "2022-anguo")
    import_reports(content)
    return content


def today_is(day: dt.date):
    """An autouse fixture for a test module whose editors act in the future of the invented
    reports (a decision on the Songling 2029 report): the build's today, which no date of
    the content may be after, is `day`. Set as SOURCE_DATE_EPOCH, so the commands the
    tests run see it too."""
    @pytest.fixture(autouse=True, scope="module")
    def build_date():
        epoch = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))
            yield day
    return build_date
