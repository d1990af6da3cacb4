"""Loader URLs an older snippet builds from the page's scheme, read statically (nothing
is executed): `('https:' == document.location.protocol ? 'https://ssl' : 'http://www') +
'.google-analytics.com/ga.js'` is one request, the branch of the page's own scheme. Only
a test whose operand names the scheme chooses a branch; any other keeps both, read as
the URL literals they are (`auditor.dom.inline_js`). A plain variable holding an
address's start, joined to the rest where a `src` is set, is read here too (`joined_urls`).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from auditor.lazy_re import lazy_regex
from auditor.rules.literal import name_before
from auditor.urls import URL_IN_CODE, URL_SCHEME_IN_CODE

# A loader URL an older snippet builds from the page's scheme, one string per branch and
# the rest after: `('https:' == document.location.protocol ? 'https://ssl' : 'http://www')
# + '.google-analytics.com/ga.js'` (Google Analytics, Quantcast, comScore, Chartbeat and
# Segment wrote theirs so), or a whole URL per branch (Clicky); a rest that opens with
# `//` is a URL literal of its own. The rest ends at either quote: it may be markup the
# script writes. A test is of the scheme only when one branch is https and one http.
_BRANCHES = (r"""\?\s*(?P<q1>['"])(?P<a>https?(?::[^'"\s]*)?)(?P=q1)"""
             r"""\s*:\s*(?P<q2>['"])(?P<b>https?(?::[^'"\s]*)?)(?P=q2)""")
_REST = r"""\s*\+\s*['"](?P<rest>(?!//)[^'"\s<>]+)['"]"""
_SCHEME_TEST = lazy_regex(_BRANCHES)
_TEST_JOINED = lazy_regex(r"\s*\)(?:" + _REST + ")?")  # what follows a test used in place
# … or one that keeps the branch (and a rest) in a variable and joins it later: ga.js's
# first snippet, `var gaJsHost = (("https:" == document.location.protocol) ? "https://ssl."
# : "http://www."); document.write(unescape("%3Cscript src='" + gaJsHost +
# "google-analytics.com/ga.js' …"))`, Piwik's `pkBaseURL` and its `var u=((…) ? "https" :
# "http") + "://piwik.example.org/"`. A name starts where no identifier character is
# before it (`\b` also matches inside `a$a`), nor a `.` (`ga.src` is a property); the
# condition holds no statement's end, no other assignment, no list item and no URL, so it
# cannot reach back over another's value, and each of its characters is read one way
# only (`!==` read as `!` and `==` or as one made the search exponential).
_NAME = r"(?<![\w$.])(?P<name>[A-Za-z_$][\w$]*)"
_JOINED = lazy_regex(_NAME + _REST)
_NO_URL = r"""(?:[^{q}\n,=/]|/(?!/[A-Za-z0-9.-]+\.[A-Za-z]{{2,}}))*"""  # a string, but no URL
_CONDITION = (r"""(?:[^;?,='"!]|!(?!=)|(?>[=!]=+)|'""" + _NO_URL.format(q="'") + "'|\""
              + _NO_URL.format(q='"') + '"){0,100}?')
# a variable's name and condition, read back from its test; then the end of its value
_VAR_HEAD = lazy_regex(_NAME + r"\s*=(?!=)(?>[\s(]*)" + _CONDITION + "$")
_VAR_TAIL = lazy_regex(r"\s*\)*(?:" + _REST.replace("rest", "tail") + r")?\s*[;,\n]")
_HEAD_REACH = 160  # characters: a name, `= ((`, and the condition's 100
# what the operand before a test's `?` names when it tests the scheme: a test of anything
# else (`isMobile ? 'https://m…' : 'http://…'`) chooses no branch, both are read
_TESTS_SCHEME = lazy_regex(r"protocol\b|\blocation\.(?:href|origin|tostring)\b|\bdocument\.url\b"
                           r"|https?:|\^https?\b|\b(?:use_?|is_?)?ssl\b|\bsecure\b",
                           re.IGNORECASE)
# what an operand's comments and strings say is not what it tests, but for a scheme's
# name quoted (`'https:' == location.protocol`)
_NOT_TESTED = lazy_regex(r"""/\*.*?\*/|//[^\n]*|(['"])(?!https?:?/*\1)(?:\\.|(?!\1)[^\\])*\1""",
                         re.DOTALL)
_URL = lazy_regex(URL_IN_CODE)
# the assignment the scheme's parenthesis follows: `ga.src = ('https:' == … ? `
_SRC_ASSIGN_OPEN = lazy_regex(r"""(?:\.(?:src|href)\s*=|\bsrc\s*:)\s*\([^;?]*$""")
# … and what a variable holding it follows when loaded: `g.src = `, or a `src='" + ` it
# writes; before a join (`g.src = u + 'piwik.js'`), or alone (`s.src = name`)
_SRC_SET = r"""(?:\.src\s*=|(?<![\w-])src=\\?['"]?['"]\s*\+)\s*"""
_SRC_BEFORE_VAR = lazy_regex(_SRC_SET + "$")
_SRC_NAMED = lazy_regex(_SRC_SET + _NAME)


class Built(NamedTuple):
    """A loader URL a script builds from the page's scheme, and the span it is built from
    (its branches are no URLs of their own); a variable's branches alone have no URL."""

    start: int
    end: int
    url: str
    assigned: bool


_HTTP_BRANCHES = ("'http:", '"http:', "'http'", '"http"')  # a scheme test's http branch


def _escaped(script: str, at: int) -> bool:
    """Whether the character at `at` follows an odd run of backslashes."""
    run = at
    while run > 0 and script[run - 1] == "\\":
        run -= 1
    return (at - run) % 2 == 1


def _operand(script: str, at: int) -> str:
    """The condition a test's `?` at `at` asks, its comments and strings (but a quoted
    scheme) left out: back to the `(` it is in, or to the assignment, list item, `&&`/`||`
    or statement before it (`_HEAD_REACH` at most), strings read whole."""
    start, i, depth = max(0, at - _HEAD_REACH), at - 1, 0
    while i >= start:
        char = script[i]
        if char in "'\"" and not _escaped(script, i):
            opened = script.rfind(char, start, i)  # read the string whole
            while opened > start and _escaped(script, opened):
                opened = script.rfind(char, start, opened)
            if opened < 0:
                break
            i = opened - 1
            continue
        if char in ")]":
            depth += 1
        elif char in "([":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (char in ";,{}?" or (char in "&|" and script[i - 1 : i] == char)
                             or (char == "=" and script[i - 1 : i] not in "=!<>"
                                 and script[i + 1 : i + 2] != "=")):
            break
        i -= 1
    return _NOT_TESTED.sub("", script[i + 1 : at])


class _Declared(NamedTuple):
    """A variable holding what a scheme test gives: its span, name and value on the page."""

    start: int
    end: int
    name: str
    value: str


def schemed_urls(script: str, secure: bool = True) -> list[Built]:
    """Each loader URL the script builds from the page's scheme: the branch a page served
    over https takes, or over http when it is not `secure`, joined to the rest, in place
    (`_TEST_JOINED`) or through a variable (`_VAR_HEAD`, `_VAR_TAIL`, `_JOINED`). Only a
    script with an http branch has one (`_HTTP_BRANCHES`); each test is found by its `?`
    and read from there, both ways.

    >>> snippet = ("ga.src = ('https:' == document.location.protocol ? 'https://ssl' : "
    ...            "'http://www') + '.google-analytics.com/ga.js';")
    >>> [(b.url, b.assigned) for secure in (True, False)
    ...  for b in schemed_urls(snippet, secure)]  # doctest: +NORMALIZE_WHITESPACE
    [('https://ssl.google-analytics.com/ga.js', True),
     ('http://www.google-analytics.com/ga.js', True)]
    """
    if not any(branch in script for branch in _HTTP_BRANCHES):
        return []
    want = "https" if secure else "http"
    out: list[Built] = []
    declared: list[_Declared] = []
    for test in _SCHEME_TEST.finditer(script):
        first, second = test.group("a"), test.group("b")
        schemes = first.split(":", 1)[0].lower(), second.split(":", 1)[0].lower()
        if set(schemes) != {"http", "https"}:
            continue  # a test of something else: both are read as literals
        if not _TESTS_SCHEME.search(_operand(script, test.start())):
            continue
        taken = first if schemes[0] == want else second
        head = _VAR_HEAD.search(script, max(0, test.start() - _HEAD_REACH), test.start())
        tail = _VAR_TAIL.match(script, test.end()) if head else None
        if head and tail:
            declared.append(_Declared(head.start(), tail.end(), head.group("name"),
                                      taken + (tail.group("tail") or "")))
            continue
        joined = _TEST_JOINED.match(script, test.end())
        url = taken + (joined.group("rest") or "") if joined else ""
        if joined and _URL.fullmatch(url):
            before = script[max(0, test.start() - 120) : test.start()]
            out.append(Built(test.start(), joined.end(), url,
                             bool(_SRC_ASSIGN_OPEN.search(before))))
    if declared:  # one pass over the joins, each read with its variable's last value
        joined_to: set[int] = set()
        values: dict[str, _Declared] = {}
        waiting = iter(declared)
        pending = next(waiting, None)
        for use in _JOINED.finditer(script):
            while pending is not None and pending.end <= use.start():
                values[pending.name] = pending
                pending = next(waiting, None)
            decl = values.get(use.group("name"))
            url = decl.value + use.group("rest") if decl is not None else ""
            if decl is not None and _URL.fullmatch(url):
                joined_to.add(decl.start)
                before = script[max(0, use.start() - 60) : use.start()]
                out.append(Built(use.start(), use.end(), url,
                                 bool(_SRC_BEFORE_VAR.search(before))))
        loaded: set[str] | None = None  # the variables the script loads as they are
        for decl in declared:
            if decl.start in joined_to:
                out.append(Built(decl.start, decl.end, "", False))
            elif _URL.fullmatch(decl.value):  # a whole URL, joined to no literal
                if loaded is None:
                    loaded = {m.group("name") for m in _SRC_NAMED.finditer(script)}
                out.append(Built(decl.start, decl.end, decl.value, decl.name in loaded))
    return sorted(out)


# a variable joined to the rest of an address where a script sets a `src`: `s.src = host +
# '/js/a.js'` (led by `.src`, rare, so the name's declaration is sought only for these)
_SRC_JOINED = lazy_regex(r"\.src\s*=\s*" + _NAME + _REST)


# The longest address literal read as a name's value: a tracking or feed address with its
# query runs to several hundred characters (a 658-character one is a real page's), and the
# bound keeps each reading linear on a script of quotes. The one bound for every reader of
# the address a name is assigned (`assigned_address`, `declared_urls`).
ADDRESS_MAX = 2000
# an assignment of an address literal to a name (`var host = 'https://cdn.x.test'`, a
# template's `` u = `//x.test/a` ``): not a comparison (`==`, `!=`) nor a compound one
# (`+=`), nor an arrow's body (`u => '…'`); a literal holding an escape (`\x3f`) or
# markup's `<`/`>` is no plain address, and none is read. Led by the `=`, which the regex
# engine skips ahead to: the name is read back from it (`_name_before`)
_DECLARED = lazy_regex(r"""=(?<![=!<>+\-*/%&|^]=)(?![=>])\s*(['"`])"""
                       r"""((?:https?:)?//[^'"`\s<>\\]{3,""" + str(ADDRESS_MAX) + r"""})\1""")


@lru_cache(maxsize=16)  # a script's names asked by several readers (a join, a redirect, a fetch)
def declared_urls(script: str) -> dict[str, list[tuple[int, int, str]]]:
    """The spans and values of every assignment of an address literal, by name, in the
    order they are written: read in one pass, however many names a script's readers ask
    (a search per `src` over all the code before it took 6 s on a 760 KB script of
    20,000). A span opens at the name.

    >>> declared_urls("var u = 'https://a.test/x'; o.u = '//b.test'; if (u == 'https://c.test') {}")
    {'u': [(4, 26, 'https://a.test/x')]}
    """
    found: dict[str, list[tuple[int, int, str]]] = {}
    for m in _DECLARED.finditer(script):
        named = _name_before(script, m.start())
        if named is not None:
            found.setdefault(named[1], []).append((named[0], m.end(), m.group(2)))
    return found


def _name_before(script: str, at: int) -> tuple[int, str] | None:
    """Where the plain name an `=` at `at` assigns opens, and the name: none where what
    stands before it is a property (`o.u =`), an element (`a[0] =`) or no name. Each
    look back stops at the closing quote of the assignment before: linear."""
    start, name = name_before(script, at)
    if not name or name[0].isdigit() or (start and script[start - 1] == "."):
        return None
    return start, name


def _declared_url(declared: dict[str, list[tuple[int, int, str]]], name: str, before: int
                  ) -> tuple[int, int, str] | None:
    """The span and value of the last assignment of an address literal to `name` ending
    before `before`, if any."""
    spans = declared.get(name)
    if not spans:
        return None
    at = bisect.bisect_right(spans, before, key=lambda span: span[1])  # ends rise in order
    return spans[at - 1] if at else None


def assigned_address(script: str, name: str, before: int) -> str | None:
    """The address literal `name` was last assigned before `before` in `script` (`var u =
    'https://…'; … fetch(u)`): the one reading of it, for a redirect's target, a fetched
    answer's source and a joined loader alike.

    >>> assigned_address("var u='https://a.test/1';u='https://b.test/2';go(u)", "u", 48)
    'https://b.test/2'
    >>> long = "var u='https://a.test/" + "x" * ADDRESS_MAX + "';go(u)"
    >>> assigned_address(long, "u", len(long)) is None  # past the bound: none read
    True
    """
    declared = _declared_url(declared_urls(script), name, before)
    return declared[2] if declared is not None else None


def joined_urls(script: str) -> list[Built]:
    """Each address a script loads by joining a variable that holds its start to a
    literal where it sets a `src` (`var host = 'https://cdn.x.test'; s.src = host +
    '/js/a.js'`; a loader hiding its path in `atob` reads so once `atob_pieces` has read
    it), and the variable's literal, which is no address of its own.

    >>> [(b.url, b.assigned) for b in joined_urls(
    ...     "var h='https://cdn.x.test';var s=document.createElement('script');"
    ...     "s.src=h+'/js/a.js';")]
    [('', False), ('https://cdn.x.test/js/a.js', True)]
    """
    if ".src" not in script or "+" not in script:
        return []
    out: list[Built] = []
    names: dict[str, list[tuple[int, int, str]]] | None = None
    for use in _SRC_JOINED.finditer(script):
        names = declared_urls(script) if names is None else names
        declared = _declared_url(names, use.group("name"), use.start())
        if declared is None:
            continue
        url = declared[2] + use.group("rest")
        if _URL.fullmatch(url):
            out += [Built(declared[0], declared[1], "", False),
                    Built(use.start(), use.end(), url, True)]
    return sorted(out)


# markup a script writes whose address it joins to the page's scheme, its string closed
# by the attribute's quote, not one of its own: `document.write(unescape('%3Cscript
# src="' + document.location.protocol + '//host.test/a.js"%3E%3C/script%3E'))` (Crazy
# Egg's older snippet; `"<img src='" + location.protocol + "//px.test/p.gif'>"`); led by
# `src=`, what may not stand before it read after it, so that `re` skips ahead to it
_PROTOCOL_JOINED = lazy_regex(
    r"""src=(?<![\w-]src=)\\?(?P<q>['"])['"]\s*\+\s*(?:(?:window|document)\.)?location\.protocol"""
    r"""\s*\+\s*['"](?P<url>//""" + URL_IN_CODE.removeprefix(URL_SCHEME_IN_CODE)
    + r""")(?=\\?(?P=q))""")


def protocol_joined_urls(script: str) -> list[Built]:
    """Each address markup a script writes takes from the page's scheme joined to a
    protocol-relative rest (`_PROTOCOL_JOINED`): a load of the markup's element, which no
    URL literal is (the rest's string ends in the other quote).

    >>> [(b.url, b.assigned) for b in protocol_joined_urls(
    ...     "document.write(unescape('%3Cscript type=\\"text/javascript\\" src=\\"'+document."
    ...     "location.protocol+'//cdn.x.test/s/0011/4414.js\\"%3E%3C%2Fscript%3E'))")]
    [('//cdn.x.test/s/0011/4414.js', True)]
    """
    if "protocol" not in script:
        return []
    return [Built(m.start("url") - 1, m.end("url"), m.group("url"), True)
            for m in _PROTOCOL_JOINED.finditer(script)]
