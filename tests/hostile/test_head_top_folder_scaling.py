"""A head whose top holds many files of the site's own, each in a folder of its own, before
a late charset: whether a file's build folder holds another of the page's files is counted
once a page, so the head's top is read in time linear in its files."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    files = "".join(f'<script src="https://site.example/f{i}/g/x.js"></script>'
                    '<script src="https://cdn.other.test/a.js"></script>' for i in range(n))
    return (f"<html><head>{files}<meta charset='utf-8'><title>t</title></head>"
            "<body><p>x</p></body></html>")


def test_head_top_folders_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 500,
                  "own files in folders of their own before a late charset")
