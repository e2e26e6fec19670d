"""Search: one tokenizer spec shared by the Whoosh index, live queries and the browser.

See :mod:`commitments.search.tokenize` for the specification.
"""
