"""A "Save Page As, complete" copy's frames, read from its `_files` folder
(`readers.complete`): what the page's `<iframe src>` reads, and what it costs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from auditor.readers.complete import saved_frames
from tests.hostile.scaling import assert_linear


def _mark(url: str) -> str:
    return f"<!-- saved from url=({len(url):04d}){url} -->"


def _saved_copy(folder: Path, frames: int, words: int) -> Path:
    """A copy whose page frames `frames` saved documents, each at its own ad URL."""
    (folder / "Story_files").mkdir(parents=True)
    tags = []
    for i in range(frames):
        name = "saved_resource.html" if i == 0 else f"saved_resource({i}).html"
        url = f"https://ads{i}.example/frame?z={i}"
        (folder / "Story_files" / name).write_text(
            f"{_mark(url)}\n<html><body><a href='https://click.example/{i}'>ad</a></body></html>")
        quote = "'" if i % 2 else '"'
        tags.append(f"<iframe src={quote}./Story_files/{name}{quote} width=300 height=250>"
                    "</iframe>")
    page = folder / "Story.html"
    page.write_text(f"{_mark('https://news.example/a/story')}\n<html><body><p>"
                    + "The ferry sails at noon. " * words + "</p>" + "\n".join(tags)
                    + '<iframe src="https://www.youtube.com/embed/x"></iframe></body></html>')
    return page


def test_each_saved_frames_src_reads_its_url_in_either_quote(tmp_path: Path) -> None:
    page = _saved_copy(tmp_path, 3, 10)
    text, parts = saved_frames(str(page), page.read_text())
    assert 'src="https://ads0.example/frame?z=0"' in text
    assert 'src="https://ads1.example/frame?z=1"' in text  # written with single quotes
    assert "Story_files/" not in text
    assert 'src="https://www.youtube.com/embed/x"' in text  # a URL: as it was
    assert parts.count("srcdoc=") == 3


def test_a_copy_of_many_frames_is_read_in_linear_time(tmp_path: Path) -> None:
    """Each frame's `src` was rewritten by a replace over the whole page: 6,000 frames in a
    4.5 MB page took 40 s. Ten times the frames and the text cost under twenty times."""
    def cost(frames: int) -> float:
        page = _saved_copy(tmp_path / str(frames), frames, frames * 25)
        text = page.read_text()
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            saved_frames(str(page), text)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = cost(200), cost(2000)
    assert large < 20 * small, (small, large)


def test_a_page_of_many_frames_at_urls_asks_the_disk_for_none(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page naming its folder once and framing thousands of URLs: each src was resolved
    on disk and the queue popped at its front (300,000 frames: 27 s). No src that names
    no saved document as written is resolved, and the cost is linear."""
    page = tmp_path / "Story.html"
    resolved: list[Path] = []
    real_resolve = Path.resolve

    def counted(self: Path, strict: bool = False) -> Path:
        resolved.append(self)
        return real_resolve(self, strict)

    def seconds(n: int) -> float:
        text = "<html><body><p>./Story_files/</p>" + "".join(
            f'<iframe src="f{i}.html"></iframe>' for i in range(n)) + "</body></html>"
        page.write_text(text)
        resolved.clear()
        start = time.perf_counter()
        assert saved_frames(str(page), text) == (text, "")
        took = time.perf_counter() - start
        assert len(resolved) <= 1  # the page's own folder
        return took

    monkeypatch.setattr(Path, "resolve", counted)
    assert_linear(seconds, 20_000, "frames at URLs", floor=0.01)
