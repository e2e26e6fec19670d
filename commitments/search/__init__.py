"""Search: one tokenizer spec shared by the Whoosh index, live queries and the browser.

- :mod:`~commitments.search.tokenize`: the tokenizer (twin: ``static/js/tokenize.js``);
- :mod:`~commitments.search.synonyms`: ``content/synonyms.yaml``, checked, as atoms;
- :mod:`~commitments.search.index`: Library → search documents → Whoosh index; live search;
- :mod:`~commitments.search.engine`: plan, match, score, snippet, did-you-mean (twin:
  ``static/js/search.js``); its docstring is the specification both follow;
- :mod:`~commitments.search.export`: the index as small JSON shards for the static site;
- :mod:`~commitments.search.bench`: ``python3 build.py bench``; ``replay.js`` runs
  search.js under Node for the benchmark and the parity test.
"""
