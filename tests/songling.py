"""The invented Songling reports of 2028 and 2029 (tests/fixtures/songling-2028-2029/):
two consecutive reports of one place, as a content folder ready to load."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from commitments.importer import import_reports

from .conftest import CONTENT

FIXTURE = Path(__file__).parent / "fixtures" / "songling-2028-2029"
EARLIER, LATER = "2028-songling", "2029-songling"
# Commitments of the 2028 plan, as the 2029 review reports them (see the two report.txt):
HEADLINE = f"{EARLIER}-2-0-1"       # GDP, jobs 2.1万人以上 → 2.3万人, unemployment: compared
KINDERGARTENS = f"{EARLIER}-2-2-1"  # 新建幼儿园10所 → 新建幼儿园8所: partly
FARMS = f"{EARLIER}-2-4-2"          # family farms: mentioned, nothing to compare (unclear)
ROAD = f"{EARLIER}-2-1-1"           # 建成松岭大道快速路 → 建成通车
SEWAGE = f"{EARLIER}-2-1-3"         # the sewage plant: not in the 2029 review
CITY_BRAIN = f"{EARLIER}-2-3-2"     # 智慧城市大脑: not in the review, not in the 2029 plan
#: the day the tests of these reports happen on: after the 2029 report, when editors review it.
TODAY = dt.date(2029, 3, 1)


def songling_content(destination: Path) -> Path:
    """The two reports, content/'s topics and synonyms, imported."""
    shutil.copytree(FIXTURE, destination)
    for name in ("topics.yaml", "synonyms.yaml"):
        shutil.copy(CONTENT / name, destination / name)
    import_reports(destination)
    return destination
