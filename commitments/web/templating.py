"""Jinja's template context with a quicker call: a page calls a helper or a macro a few
hundred times, and Jinja's Context.call works out anew for each call whether the callee
wants the context, the evaluation context or the environment (two hasattr and an enum
lookup through its __call__). For the two callees templates use nearly always, a
Python function and a macro, that is known from their type; anything else goes through
Jinja's own code. Same arguments, same results; a helper marked page_helper also skips
the copy of the context a call inside a block or loop would get, as it reads nothing of it.
"""
from __future__ import annotations

from types import FunctionType

from jinja2 import pass_context
from jinja2.runtime import Context, Macro
from jinja2.utils import _PassArg

#: A macro is called with the evaluation context (Macro.__call__ is pass_eval_context).
_MACRO_PASS = _PassArg.from_obj(Macro.__call__)


def page_helper(function):
    """``pass_context`` for a helper that reads only the page's own variables (its
    language), never one a template sets in a block or loop: it gets the page's context
    as it is, without the copy of every variable (Context.derived) Jinja makes for each
    call inside a block or loop that sets one. Templates never set ``lang``."""
    function = pass_context(function)
    function.jinja_page_helper = True
    return function


class QuickCallContext(Context):
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        kind = type(__obj)
        if kind is FunctionType:  # a function's __call__ never carries jinja_pass_arg
            pass_arg = getattr(__obj, "jinja_pass_arg", None)
        elif kind is Macro:
            __obj, pass_arg = __obj.__call__, _MACRO_PASS
        else:
            return super().call(__obj, *args, **kwargs)
        # From here on as Context.call does it.
        if pass_arg is _PassArg.context:
            if kwargs and not getattr(__obj, "jinja_page_helper", False):
                if kwargs.get("_loop_vars"):
                    __self = __self.derived(kwargs["_loop_vars"])
                if kwargs.get("_block_vars"):
                    __self = __self.derived(kwargs["_block_vars"])
            args = (__self,) + args
        elif pass_arg is _PassArg.eval_context:
            args = (__self.eval_ctx,) + args
        elif pass_arg is _PassArg.environment:
            args = (__self.environment,) + args
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


def init_app(app) -> None:
    app.jinja_env.context_class = QuickCallContext
