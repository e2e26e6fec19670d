"""Turn a Chinese government work report into a bilingual static site of its commitments.

The pipeline, one module per stage, data flowing one way:

    report.txt ──parse──▶ Report ──extract──▶ [Commitment] ──content──▶ content/*.md
    content/*.md ──content.load──▶ Library ──web──▶ Flask site ──freeze──▶ site/

`build.py` at the top of the repository calls the stages in that order.
"""
