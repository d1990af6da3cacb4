"""WordPress REST posts and page objects, as JSON (`wp_json.py`) and JSON Lines
(`lines.py`) hold them: no reader, what both readers share.

A post's HTML is its `content.rendered`: the post body, which is where scraper
sites inject ad code. The page URL is the post's `link`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

from auditor.errors import EmptyInput
from auditor.readers.interface import Document, InputError, ReadFailure, without_surrogates


def _rendered(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else None


def is_wp_post(obj: Any) -> bool:
    return isinstance(obj, dict) and _rendered(obj.get("content")) is not None


def _string(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) and value else None


def document_from_object(obj: Any, input_name: str) -> Document:
    """A Document from one JSON object: a WordPress post, `{"url", "html"}` or `{"url", "text"}`."""
    if is_wp_post(obj):
        title = _rendered(obj.get("title"))
        post_id = obj.get("id")
        return Document(
            input=input_name,
            kind="wp-json",
            text=_rendered(obj.get("content")) or "",
            url=_string(obj, "link"),
            title=html.unescape(title) if title else None,
            in_post_body=True,
            post_id=post_id if isinstance(post_id, int) else None,
            declared=_seo_declared(obj),
        )
    if isinstance(obj, dict):
        for key, markup in (("html", True), ("text", False)):
            if isinstance(obj.get(key), str):
                return Document(
                    input=input_name,
                    kind=key,
                    text=obj[key],
                    url=_string(obj, "url"),
                    markup=markup,
                )
    raise InputError(f"{input_name}: JSON is neither a WordPress post nor a {{url, html}} object")


_SEO_KEYS = (("canonical", "canonical"), ("og_url", "og-url"))  # yoast_head_json's


def _seo_declared(obj: dict[str, Any]) -> tuple[tuple[str, str, str], ...]:
    """The canonical and og:url Yoast SEO declares for a post (`yoast_head_json`, in every
    REST post of a site running it): a scraper plugin that points them at the original
    says so there, not in the post body."""
    head = obj.get("yoast_head_json")
    if not isinstance(head, dict):
        return ()
    return tuple((kind, without_surrogates(value), f"yoast_head_json.{key}")
                 for key, kind in _SEO_KEYS
                 if isinstance(value := head.get(key), str) and value)


def _record_name(input_name: str, obj: Any, index: int) -> str:
    if is_wp_post(obj) and isinstance(obj.get("id"), int):
        return f"{input_name}#post-{obj['id']}"
    return f"{input_name}#{index}"


def json_error(exc: ValueError | RecursionError) -> str:
    """`invalid JSON: <what> (line L, column C)`: json's own message lacks the place."""
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    return "invalid JSON: nested too deeply"


# what json.loads raises on bad input: a decode error, or recursion on deep nesting
JSON_ERRORS = (json.JSONDecodeError, RecursionError)
MAX_INT_DIGITS = 4000  # Python refuses to convert longer digit strings (CVE-2020-10735)


def _int(digits: str) -> int | str:
    """JSON integers as ints, except those too long to convert: kept as their digits."""
    return int(digits) if len(digits) <= MAX_INT_DIGITS else digits


def load_json(text: str) -> Any:
    """`json.loads` that reads any number a page's JSON may hold."""
    return json.loads(text, parse_int=_int)


def read_json(text: str, input_name: str) -> Iterator[Document | ReadFailure]:
    """One post, or a list of posts (as `/wp-json/wp/v2/posts` returns)."""
    try:
        data = load_json(text)
    except JSON_ERRORS as exc:
        raise InputError(f"{input_name}: {json_error(exc)}") from None
    if isinstance(data, list):
        if not data:
            raise EmptyInput(f"{input_name}: empty JSON list")
        for index, obj in enumerate(data):
            name = _record_name(input_name, obj, index)
            try:
                yield document_from_object(obj, name)
            except InputError as exc:
                yield ReadFailure(name, "json", str(exc))
        return
    yield document_from_object(data, input_name)
