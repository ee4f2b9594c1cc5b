"""Render a template fragment once and reuse it while nothing it shows has changed.

``{% cache scope, key %}...{% endcache %}`` looks the fragment up by ``(scope, key)``,
where the key holds everything the fragment shows. A changed post or count makes a new
key, so nothing needs invalidating and nothing stale can be served; an unchanged one is
not rendered again. A ``scope`` of None renders without caching: pages pass None when
the fragment would show something personal to the viewer.

``{% cache scope, key, subject %}`` also files the fragment under ``subject`` (such as
the thread it shows), so that :func:`forget_fragments` can drop it at once: text its
author deleted is then not even kept in memory under a key nobody asks for any more.

Entries live in the worker process, bounded by ``COMMUNITY_FRAGMENT_CACHE_SIZE`` and
emptied when full. They are a memo, not state: any process renders the same bytes.
"""

from collections.abc import Callable, Hashable

from flask import current_app
from jinja2 import nodes
from jinja2.ext import Extension


class FragmentCache:
    """A bounded memo of rendered fragments, emptied when it fills up."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: dict[Hashable, str] = {}
        # The keys filed under each subject, for forget().
        self.subjects: dict[Hashable, set[Hashable]] = {}

    def get_or_render(
        self, key: Hashable, render: Callable[[], str], subject: Hashable | None = None
    ) -> str:
        found = self.entries.get(key)
        if found is not None:
            return found
        rendered = render()
        if self.size > 0:
            if len(self.entries) >= self.size:
                self.entries.clear()
                self.subjects.clear()
            self.entries[key] = rendered
            if subject is not None:
                self.subjects.setdefault(subject, set()).add(key)
        return rendered

    def forget(self, subject: Hashable) -> None:
        """Drop every fragment filed under ``subject``."""
        for key in self.subjects.pop(subject, ()):
            self.entries.pop(key, None)


class FragmentCacheExtension(Extension):
    """The ``{% cache scope, key[, subject] %}`` tag, after the example in Jinja's documentation."""

    tags = {"cache"}

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache=FragmentCache(0))

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        scope = parser.parse_expression()
        parser.stream.expect("comma")
        key = parser.parse_expression()
        subject = parser.parse_expression() if parser.stream.skip_if("comma") else nodes.Const(None)
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_cached", [scope, key, subject])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _cached(self, scope: Hashable | None, key: Hashable, subject: Hashable | None, caller):
        if scope is None:
            return caller()
        return self.environment.fragment_cache.get_or_render((scope, key), caller, subject)


def register(jinja_env, size: int) -> None:
    """Add the ``cache`` tag, with room for ``size`` fragments (0: render every time)."""
    jinja_env.add_extension(FragmentCacheExtension)
    jinja_env.fragment_cache = FragmentCache(size)


def forget_fragments(subject: Hashable) -> None:
    """Drop this process's fragments filed under ``subject``.

    Other processes keep theirs until their memo fills, but only under keys made from
    what the fragment showed, which no page asks for once that has changed.
    """
    current_app.jinja_env.fragment_cache.forget(subject)
