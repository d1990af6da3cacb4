"""javascript-obfuscator's string table, read without running the code.

The obfuscator moves a script's strings into one array and reads them through an
accessor (`_0x5e6f(0x1a3)`); an IIFE rotates the array at run time until a checksum of
`parseInt`s over accessor calls equals a constant (older releases rotate a constant
number of times). Both are pure functions of the array, so the rotation is simulated
here on a copy of the strings: nothing of the page is executed, only `parseInt`,
numbers and `+ - * / %` are evaluated, and the simulation stops after one full turn.

With the rotation known each accessor call is its string, and the code reads as if
written plainly (`document[_0x1(0x1a4)](_0x1(0x1a5))` is `document['createElement']('canvas')`):
what it creates is known, not guessed from which words the table holds. Tables whose
accessor decodes its strings (the base64 and rc4 encodings) or that are read through
wrapper functions are not resolved: `resolved` answers None and the caller keeps its
reading from the table's words.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from auditor.dom.js_string import quoted_value
from auditor.lazy_re import lazy_regex

__all__ = ["ROTATION_LOOP", "literal_reads", "resolved"]

MAX_TABLE = 5000  # strings of one table that are read
_QUOTED = r"""'(?:[^'\\\n]|\\.){0,4096}'|"(?:[^"\\\n]|\\.){0,4096}\""""
_LITERAL = lazy_regex(_QUOTED)
_ARRAY = rf"\[\s*((?:(?:{_QUOTED})\s*,\s*)*(?:{_QUOTED}))\s*,?\s*\]"
# the current shape: `function _0x1b2c(){var _0x6f=[…];_0x1b2c=function(){return _0x6f;};
# return _0x1b2c();}`; the older one: `var _0x3f2a=[…];`
_TABLE_FUNCTION = lazy_regex(
    rf"function\s+([\w$]+)\s*\(\s*\)\s*\{{\s*(?:var|const|let)\s+([\w$]+)\s*=\s*{_ARRAY}\s*;"
    r"\s*(?:\1\s*=\s*function\s*\(\s*\)\s*\{\s*return\s+\2\s*;?\s*\}\s*;?\s*return\s+\1\s*\(\s*\)"
    # the same minified (terser): `return(_0x1b2c=function(){return e})()`
    r"|return\s*\(\s*\1\s*=\s*function\s*\(\s*\)\s*\{\s*return\s+\2\s*;?\s*\}\s*\)\s*\(\s*\))")
_TABLE_VARIABLE = lazy_regex(rf"(?:var|const|let)\s+([\w$]+)\s*=\s*{_ARRAY}\s*;")
# the accessor, and the offset it takes from an index: `_0xa=_0xa-0x1a0` or `t[_0xa-0x1a0]`
_ACCESSOR = r"function\s+([\w$]+)\s*\(\s*[\w$]+\s*(?:,\s*[\w$]+\s*)?\)\s*\{"
_ACCESSOR_VARIABLE = (r"(?:var|const|let)\s+([\w$]+)\s*=\s*function\s*\(\s*[\w$]+\s*"
                      r"(?:,\s*[\w$]+\s*)?\)\s*\{")
# a number the obfuscator may write as arithmetic of literals (its numbersToExpressions:
# `0x357f2*0x1+0x3a051+0x3a*-0x83e`)
_NUMERAL = r"(?:0x[0-9a-fA-F]{1,10}|\d{1,12})"
_ARITHMETIC = rf"-?\s*{_NUMERAL}(?:\s*[-+*]\s*-?\s*{_NUMERAL}){{0,12}}"
# minified: `e-=349`; as arithmetic: `n=n-(0x16d4+-0x7*0x10d+-0xece)`
_OFFSET = lazy_regex(rf"-=?\s*(?:\(\s*({_ARITHMETIC})\s*\)|(0x[0-9a-fA-F]{{1,8}}|\d{{1,9}})\b)")
# what an accessor that decodes its strings holds (base64's alphabet, rc4's key schedule)
_DECODES = lazy_regex(r"charCodeAt|fromCharCode|atob|decodeURIComponent|%\s*0x100|abcdefghij")
_INDEX = r"(0x[0-9a-fA-F]{1,8}|\d{1,9}|'0x[0-9a-fA-F]{1,8}'|\"0x[0-9a-fA-F]{1,8}\")"
# the endless loop that rotates a table until its checksum holds: `while(!![])`, or a
# minifier's `while(!0)`, `while(true)` or `for(;;)` (`deobfuscate` finds a renamed
# table by it too)
ROTATION_LOOP = r"(?:while\s*\(\s*(?:!!\[\]|!0|true|1)\s*\)|for\s*\(\s*;\s*;\s*\))"
# the rotation: `(function(a,b){…while(!![]){try{var c=<checksum>;if(c===b)break;…}}}(t,0x6b3d1))`,
# or `…}})(t,0x6b3d1)` as a formatter writes it
_CHECKSUM = lazy_regex(
    ROTATION_LOOP
    + r"\s*\{\s*try\s*\{\s*(?:var|const|let)\s+([\w$]+)\s*=\s*"
    r"([^;{}]{1,4000});\s*if\s*\(\s*\1\s*===\s*[\w$]+\s*\)\s*break")
# the same minified (terser), its target written in the test and the table read in the
# loop's head: `for(var n=_0x6b69,r=_0x22f1();;)try{if(671491===<checksum>)break;…`
_CHECKSUM_INLINE = lazy_regex(
    r"try\s*\{\s*if\s*\(\s*(0x[0-9a-fA-F]{1,10}|\d{1,12})\s*===\s*([^;{}]{1,4000}?)\s*\)\s*break")
_CHECKSUM_TABLE_REACH = 300  # characters before the loop's `try` that read the table
_CHECKSUM_CALL = lazy_regex(
    r"\}\s*\}\s*\}?\s*\)?\s*\(\s*([\w$]+)\s*,\s*(" + _ARITHMETIC + r")\s*\)")
# the older rotation, a constant count:
# `(function(a,b){var c=function(d){while(--d){a['push'](a['shift']());}};c(++b);}(t,0x1b3))`
_COUNTED = lazy_regex(
    r"while\s*\(\s*--\s*[\w$]+\s*\)\s*\{\s*[\w$]+\s*\[\s*['\"]push['\"]\s*\]\s*\(\s*[\w$]+\s*"
    r"\[\s*['\"]shift['\"]\s*\]\s*\(\s*\)\s*\)\s*;?\s*\}\s*\}\s*;?\s*[\w$]+\s*\(\s*\+\+\s*[\w$]+\s*\)"
    r"\s*;?\s*\}\s*\)?\s*\(\s*([\w$]+)\s*,\s*(0x[0-9a-fA-F]{1,10}|\d{1,12})\s*\)")
_ASSIGNED_NAME = lazy_regex(r"(?<![\w$])([\w$]+)\s*=\s*([\w$]+)\s*(?=[,;)}])")
_CALL = lazy_regex(r"(?<![\w$.])([\w$]+)\s*\(\s*" + _INDEX + r"\s*\)")
MAX_WORK = 1_000_000  # the checksum's tokens times the turns tried (the obfuscator's: ~60 tokens)
MAX_NESTING = 40  # parentheses of a checksum read: the obfuscator writes two levels
MAX_OPERATIONS = 200  # a checksum's binary operations: the obfuscator writes about twenty
# a call left with a hex index: a wrapper's, of any length, or under the obfuscator's
# `identifiersPrefix` (`abc_0x2f1e(0x191)`)
_STILL_ACCESSED = lazy_regex(r"_0x[0-9a-fA-F]+\s*\(\s*(?:-\s*)?(?:0x[0-9a-fA-F]|'0x|\"0x)")
_TOKEN = lazy_regex(r"\s*(?:(0x[0-9a-fA-F]+|\d+(?:\.\d+)?)|(parseInt)|([\w$]+)|(.))")


_Read = Callable[[int], "str | None"]  # the accessor: an index's string, None past the table
_Node = Callable[[_Read], float]  # a checksum's part, as a function of the accessor


@dataclass(frozen=True, slots=True)
class _Table:
    """A string table as written: its strings, the accessor's names and its offset."""

    strings: list[str]
    accessors: frozenset[str]
    offset: int


def _number(text: str) -> int:
    return int(text.strip("'\""), 16) if "0x" in text else int(text)


def _double(value: int) -> float:
    """An integer as JavaScript's double: one past the largest double is Infinity (Python's
    `float` raises OverflowError on it).

    >>> _double(10 ** 400), _double(-(10 ** 400)), _double(0x1a0)
    (inf, -inf, 416.0)
    """
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


_BRACE = lazy_regex(r"[{}]")
BODY_LIMIT = 2000  # characters of an accessor's body
MAX_CANDIDATES = 32  # function heads read for their braces: the obfuscator writes one accessor


def _body(code: str, start: int, limit: int = BODY_LIMIT) -> str | None:
    """The text of the block opening at `start` (a `{`), braces counted."""
    depth = 0
    for brace in _BRACE.finditer(code, start, min(len(code), start + limit)):
        depth += 1 if brace.group(0) == "{" else -1
        if depth == 0:
            return code[start : brace.end()]
    return None


def _table(code: str) -> tuple[_Table, str] | None:
    """The table and the name the rotation is given (its function's or variable's)."""
    m = _TABLE_FUNCTION.search(code) or _TABLE_VARIABLE.search(code)
    if m is None:
        return None
    name = m.group(1)
    strings = [quoted_value(lit.group(0)) for lit in _literals(m.group(_array_group(m)))]
    if not strings or len(strings) > MAX_TABLE:
        return None
    read = rf"{re.escape(name)}\s*(?:\(\s*\))?\s*[;,]|{re.escape(name)}\s*\["
    # where the table is read: a function head with none in reach is no accessor, and no
    # more than MAX_CANDIDATES heads are read for their braces (a page of heads that read
    # the name, each read 2,000 characters, was seconds; past them the table is unread)
    reads = [r.start() for r in re.finditer(read, code)]
    candidates = 0
    for head in (_ACCESSOR, _ACCESSOR_VARIABLE):
        for a in re.finditer(head, code):
            at = bisect.bisect_left(reads, a.end())
            if at == len(reads) or reads[at] >= a.end() + BODY_LIMIT:
                continue
            candidates += 1
            if candidates > MAX_CANDIDATES:
                return None
            body = _body(code, a.end() - 1)
            if body is None or not re.search(read, body) or _DECODES.search(body):
                continue
            offset = _OFFSET.search(body)
            value = None if offset is None else (
                _constant(offset.group(1)) if offset.group(1) else _number(offset.group(2)))
            if value is None:
                continue
            return _Table(strings, frozenset({a.group(1)}), value), name
    return None


def _array_group(m: re.Match[str]) -> int:
    """The group of a table's match that holds its array's text."""
    return 3 if m.re.pattern == _TABLE_FUNCTION.pattern else 2  # a lazy pattern is no `m.re`


def _literals(array: str) -> list[re.Match[str]]:
    """The literals of an array's text, bounded by MAX_TABLE."""
    found: list[re.Match[str]] = []
    for m in _LITERAL.finditer(array):
        found.append(m)
        if len(found) > MAX_TABLE:
            break
    return found


def _aliases(code: str, names: frozenset[str]) -> frozenset[str]:
    """The accessor's names and every name it is assigned to, down the chain
    (`const _0x1=_0x5e6f` at the top, `const _0x2=_0x1` in each function): one pass over
    the code's plain assignments, then their closure (an alternation of hundreds of names
    tried at every position of a 500 KB script was the slow way)."""
    assigned: dict[str, set[str]] = {}  # a name -> the names assigned it
    for m in _ASSIGNED_NAME.finditer(code):
        assigned.setdefault(m.group(2), set()).add(m.group(1))
    known = set(names)
    frontier = list(names)
    while frontier:
        for alias in assigned.get(frontier.pop(), ()):
            if alias not in known:
                known.add(alias)
                frontier.append(alias)
    return frozenset(known)


# what `parseInt` skips (JavaScript's white space and line terminators), then reads: a
# sign, and hexadecimal digits after `0x` or ASCII decimal ones (not `\d`'s other scripts)
_JS_SPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_PARSE_INT = lazy_regex(r"([+-]?)(?:0[xX]([0-9a-fA-F]*)|([0-9]+))")


def _js_parse_int(value: str | None) -> float:
    """JavaScript's `parseInt` of a string (undefined is NaN): the checksum's strings
    lead with digits.

    >>> _js_parse_int("2938114qWmXkz"), _js_parse_int("src"), _js_parse_int(" -0x1Fz")
    (2938114.0, nan, -31.0)
    >>> _js_parse_int("\u0663"), _js_parse_int("0x"), _js_parse_int("\ufeff7")
    (nan, nan, 7.0)
    """
    if value is None:
        return math.nan
    m = _PARSE_INT.match(value.lstrip(_JS_SPACE))
    if m is None or m.group(2) == "":  # `0x` and no digit: NaN
        return math.nan
    number = int(m.group(2), 16) if m.group(2) is not None else int(m.group(3))
    read = _double(number)
    return -read if m.group(1) == "-" else read  # `parseInt('-0')` is -0


class _Unreadable(Exception):
    """A checksum holding anything but numbers, `parseInt` of accessor calls and arithmetic."""


def _checksum(expression: str, accessors: frozenset[str]) -> _Node:
    """The checksum as a function of the accessor: a small recursive-descent reader of
    `parseInt(a(0x1a0))/0x1+-parseInt(a(0x1a1))/0x2*(…)`, checked once, evaluated per turn."""
    tokens: list[str] = []
    for m in _TOKEN.finditer(expression):
        if m.group(0).strip():
            tokens.append(m.group(0).strip())
    position = 0

    def peek() -> str:
        return tokens[position] if position < len(tokens) else ""

    def take(expected: str | None = None) -> str:
        nonlocal position
        token = peek()
        if not token or (expected is not None and token != expected):
            raise _Unreadable(expression)
        position += 1
        return token

    depth = 0

    def primary() -> _Node:
        nonlocal depth
        token = take()
        if token in ("(", "-", "+"):
            depth += 1
            if depth > MAX_NESTING:  # a hostile page's `((((…`: no obfuscator's checksum
                raise _Unreadable(expression)
        if token == "(":
            inner = additive()
            take(")")
            depth -= 1
            return inner
        if token in ("-", "+"):
            operand = primary()
            depth -= 1
            return (lambda at: -operand(at)) if token == "-" else operand
        if token == "parseInt":
            take("(")
            if take() not in accessors:
                raise _Unreadable(expression)
            take("(")
            index = take()
            if index == "'" or index == '"':
                raise _Unreadable(expression)
            if not re.fullmatch(r"0x[0-9a-fA-F]+|\d+", index):
                raise _Unreadable(expression)
            if peek() == ",":  # rc4's key: an encoded table, not read here
                raise _Unreadable(expression)
            take(")")
            take(")")
            at = _number(index)
            return lambda read: _js_parse_int(read(at))
        if re.fullmatch(r"0x[0-9a-fA-F]+|\d+(?:\.\d+)?", token):
            value = _double(_number(token)) if "." not in token else float(token)
            return lambda read: value
        raise _Unreadable(expression)

    operations = 0

    def operation(op: str, left: _Node, right: _Node) -> _Node:
        nonlocal operations
        operations += 1
        if operations > MAX_OPERATIONS:  # a chain of them is evaluated as deep as it is long
            raise _Unreadable(expression)
        return _binary(op, left, right)

    def multiplicative() -> _Node:
        node = primary()
        while peek() in ("*", "/", "%"):
            op, left, right = take(), node, primary()
            node = operation(op, left, right)
        return node

    def additive() -> _Node:
        node = multiplicative()
        while peek() in ("+", "-"):
            op, left, right = take(), node, multiplicative()
            node = operation(op, left, right)
        return node

    whole = additive()
    if position != len(tokens):
        raise _Unreadable(expression)
    return whole


def _binary(op: str, left: _Node, right: _Node) -> _Node:
    """JavaScript's arithmetic on doubles: a division by zero is an infinity or NaN."""

    def apply(read: _Read) -> float:
        a, b = left(read), right(read)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            if b == 0:
                return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a) * (
                    math.copysign(1.0, b))
            return a / b
        if b == 0 or math.isinf(a) or math.isnan(a) or math.isnan(b):
            return math.nan
        return math.fmod(a, b)
    return apply


def _constant(expression: str) -> int | None:
    """An arithmetic of integer literals (`0x16d4+-0x7*0x10d+-0xece`) as its value, read
    by the checksum's parser with no accessor; None when it is no integer."""
    try:
        value = _checksum(expression, frozenset())(lambda at: None)
    except _Unreadable:
        return None
    return int(value) if math.isfinite(value) and value == int(value) else None


def _checksum_of(code: str, name: str) -> tuple[str, float] | None:
    """The rotation's checksum expression and the target it must reach, of the table
    `name`: the obfuscator's form (the target handed the IIFE with the table) or its
    minified one (the target in the test, the table read in the loop's head)."""
    check = _CHECKSUM.search(code)
    if check is not None:
        call = _CHECKSUM_CALL.search(code, check.end())
        if call is None or call.group(1) != name or call.start() - check.end() > 400:
            return None
        target = _constant(call.group(2))
        return None if target is None else (check.group(2), float(target))
    inline = _CHECKSUM_INLINE.search(code)
    if inline is None or not re.search(
            rf"(?<![\w$]){re.escape(name)}\s*\(\s*\)",
            code[max(0, inline.start() - _CHECKSUM_TABLE_REACH):inline.start()]):
        return None
    return inline.group(2), float(_number(inline.group(1)))


def _rotation(code: str, table: _Table, name: str, accessors: frozenset[str]) -> int | None:
    """How many times the code's IIFE moves the table's first string to its end."""
    size = len(table.strings)
    counted = _COUNTED.search(code)
    if counted and counted.group(1) == name:
        return _number(counted.group(2)) % size
    found = _checksum_of(code, name)
    if found is None:
        return None
    expression, target = found
    try:
        checksum = _checksum(expression, accessors)
    except _Unreadable:
        return None
    size_of_checksum = len(_TOKEN.findall(expression))
    strings = table.strings
    # a turn reads the table at an index moved by the turn, not a copy of it (a copy per
    # turn was quadratic in the table); the turns tried are bounded by the checksum's size
    for turn in range(min(size, MAX_WORK // max(1, size_of_checksum))):

        def read(at: int, turn: int = turn) -> str | None:
            i = at - table.offset
            return strings[(i + turn) % size] if 0 <= i < size else None

        if checksum(read) == target:
            return turn
    return None


def resolved(code: str) -> str | None:
    """The code with each call of its string table's accessor replaced by the string it
    answers and the table emptied (its strings are where the code uses them), or None when
    the table, its rotation or a call cannot be read.

    >>> code = ("var _0xa=['src','createElement'];(function(t,n){var f=function(c){while(--c)"
    ...         "{t['push'](t['shift']());}};f(++n);}(_0xa,0x3));var _0xb=function(i,k){i=i-0x0;"
    ...         "var v=_0xa[i];return v;};d[_0xb('0x0')]('div')")
    >>> resolved(code)[-25:]
    "d['createElement']('div')"
    """
    found = _substituted(code)
    if found is None:
        return None
    plain, table, accessors = found
    if _STILL_ACCESSED.search(plain):  # a wrapper function's calls: not all is read
        return None
    if _called_otherwise(plain, accessors, table.accessors):
        return None
    return plain


def literal_reads(code: str) -> str | None:
    """The code with each call of its string table's accessor (or a name assigned it) by a
    literal index replaced by the string it answers, or None when the table, its rotation
    or such a call cannot be read. Unlike `resolved`, calls by other indexes may be left:
    minified obfuscator output (terser's, as JNews ships its library) gives every function
    its own one-letter alias of the accessor (`var n=e`) and reuses those letters for its
    other functions and parameters, so a call left (`o(e)`) need not be the accessor's.
    What the code reads by a literal index is all read."""
    found = _substituted(code)
    return None if found is None else found[0]


def _substituted(code: str) -> tuple[str, _Table, frozenset[str]] | None:
    """The code with each literal-index call of the accessor's names answered and the table
    emptied, the table and those names; None when the table, its rotation or a literal
    call (an index past the table) cannot be read."""
    found = _table(code)
    if found is None:
        return None
    table, name = found
    code = _indexes_named(code)
    accessors = _aliases(code, table.accessors)
    turn = _rotation(code, table, name, accessors)
    if turn is None:
        return None
    strings = table.strings[turn:] + table.strings[:turn]
    unreadable = False

    def answer(m: re.Match[str]) -> str:
        nonlocal unreadable
        if m.group(1) not in accessors:
            return m.group(0)
        i = _number(m.group(2)) - table.offset
        if not 0 <= i < len(strings):
            unreadable = True
            return m.group(0)
        text = strings[i]
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"

    plain = _CALL.sub(answer, code)
    if unreadable:
        return None
    table_at = _TABLE_FUNCTION.search(plain) or _TABLE_VARIABLE.search(plain)
    if table_at is not None:
        group = _array_group(table_at)
        plain = plain[: table_at.start(group)] + plain[table_at.end(group):]
    return plain, table, accessors


# an object of indexes the obfuscator's calls read (`var V={w:'0xd6',B:0xd5};…S(V.w)`,
# `_0x3b0d5f={_0x43ea92:0x9e}`: its `stringArrayCallsTransform`), each key a number
_INDEX_OBJECT = lazy_regex(
    r"(?<![\w$.])([\w$]+)\s*=\s*\{((?:\s*[\w$]+\s*:\s*" + _INDEX + r"\s*,)*\s*[\w$]+\s*:\s*"
    + _INDEX + r"\s*)\}")
_INDEX_ENTRY = lazy_regex(r"([\w$]+)\s*:\s*" + _INDEX)
_KEY_READ = lazy_regex(r"(?<![\w$.])([\w$]+)\s*\.\s*([\w$]+)(?![\w$(])")
INDEX_OBJECTS = 500  # objects of indexes one script is read for


def _indexes_named(code: str) -> str:
    """The code with each read of an object of indexes (`V.w`) written as its number,
    where the object's name holds one object (a name two objects share is left, and so
    the calls through it stay unread)."""
    if ":" not in code:
        return code
    objects: dict[str, dict[str, str]] = {}
    shared: set[str] = set()
    for m in _INDEX_OBJECT.finditer(code):
        entries = {e.group(1): e.group(2).strip("'\"") for e in _INDEX_ENTRY.finditer(m.group(2))}
        if m.group(1) in objects and objects[m.group(1)] != entries:
            shared.add(m.group(1))
        objects[m.group(1)] = entries
        if len(objects) > INDEX_OBJECTS:
            break
    for name in shared:
        del objects[name]
    if not objects:
        return code

    def number(m: re.Match[str]) -> str:
        value = objects.get(m.group(1), {}).get(m.group(2))
        return m.group(0) if value is None else value

    return _KEY_READ.sub(number, code)


_NAME_CALL = lazy_regex(r"([\w$]+)\s*\(")


def _called_otherwise(plain: str, accessors: frozenset[str], defined: frozenset[str]) -> bool:
    """Whether the accessor (or a name it is assigned to) is still called, with an index
    that is not a literal (`document[_0x1(_0xk)]`), outside its own definition (whose body
    calls it with its parameters): that string is not read, and with the table emptied
    what the code does there would be lost."""
    spans: list[tuple[int, int]] = []
    for name in defined:
        head = re.search(rf"function\s+{re.escape(name)}\s*\(|(?<![\w$.]){re.escape(name)}\s*="
                         r"\s*function\s*\(", plain)
        opening = plain.find("{", head.end()) if head is not None else -1
        if head is None or opening < 0:
            return True
        body = _body(plain, opening)
        if body is None:
            return True
        spans.append((head.start(), opening + len(body)))
    for m in _NAME_CALL.finditer(plain):
        if m.group(1) not in accessors or (m.start() and plain[m.start() - 1] in "$."):
            continue
        if not any(start <= m.start() < end for start, end in spans):
            return True
    return False
