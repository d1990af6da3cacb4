"""Pages that declare no charset, read as Chromium may guess them: the audit walks every
reading in which a host folds to another ASCII name, so the gate fails closed whichever
charset Chromium's detector picks.

Each page below was loaded in headless Chromium 156 from an http server that sent
`Content-Type: text/html` with no charset; the comment says what it read and requested.
"""

from __future__ import annotations

import pytest

from auditor.catalogue import default_catalogue
from auditor.model import PageReport
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.readers.decode import other_readings
from auditor.readers.registry import read_source
from auditor.rules import Engine


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in text)


# A local news page's body text in its language, and ExoClick's loader (`a.magsrv.com`)
# written with full-width letters: Chromium read each page in the codec named (its
# `document.characterSet`: Shift_JIS, EUC-JP, GBK, Big5, EUC-KR) and requested the
# loader's host in ASCII; read as windows-1252 the host is noise.
PROSE = {
    "shift_jis": "市議会は本日、駅前の図書館の改修計画を承認しました。工事は来年の春に始まります。",
    "euc_jp": "市議会は本日、駅前の図書館の改修計画を承認しました。工事は来年の春に始まります。",
    "gbk": "市议会今天批准了车站前图书馆的改造计划，工程将于明年春天开始。",
    "big5": "市議會今天批准了車站前圖書館的改造計劃，工程將於明年春天開始。",
    "euc_kr": "시의회는 오늘 역 앞 도서관 개보수 계획을 승인했습니다. 공사는 내년 봄에 시작됩니다.",
}


def _page(codec: str) -> bytes:
    host = _full_width("a.magsrv") + ".com"
    return (f"<!doctype html><html><head><title>{PROSE[codec][:8]}</title></head><body>\n"
            f"<article><p>{PROSE[codec]}</p></article>\n"
            f'<script src="https://{host}/ad-provider.js"></script>\n'
            "</body></html>\n").encode(codec)


def _report(data: bytes) -> PageReport:
    (doc,) = list(read_source(data))
    assert isinstance(doc, Document)
    return audit_document(doc, Engine.load(system_lists=False), default_catalogue())


def _audit(data: bytes) -> list[tuple[str, str]]:
    return [(r.host, r.via) for r in _report(data).resources if r.third_party]


@pytest.mark.parametrize("codec", sorted(PROSE))
def test_an_undeclared_cjk_page_is_read_in_its_own_codec(codec: str) -> None:
    """Chromium read each page in its codec, requesting the full-width host in ASCII. We
    read them as windows-1252 and walked a second reading for the host: the title was
    noise (`ÊÐÒé»á½ñ`), the editorial text measured twice its length (two characters a
    double-byte one), and the noise made up a second host (`xn--9a8j.xn--9aaa…`)."""
    page = _page(codec)
    (doc,) = list(read_source(page))
    assert isinstance(doc, Document)
    assert doc.readings == ()  # one reading: the page's own, walked once
    report = _report(page)
    declared = _report(page.replace(b"<head>", f"<head><meta charset={codec}>".encode()))
    assert report.title == declared.title == PROSE[codec][:8].strip()
    assert report.metrics.content_chars == declared.metrics.content_chars
    (loader,) = [r for r in report.resources if r.third_party]
    assert (loader.host, loader.via, loader.line) == ("a.magsrv.com", "script[src]", 3)
    assert "ExoClick" in {n.network for n in report.networks}


@pytest.mark.parametrize("codec", sorted(PROSE))
def test_the_codec_is_sniffed_from_a_bounded_window(codec: str) -> None:
    """The text after 2 MB of ASCII script decides as it does at the top, and 20 MB of
    the language's text is sniffed from its first 16 KB: one scan, never the whole page."""
    from auditor.readers.decode import _undeclared_codec

    expected = _undeclared_codec(_page(codec))
    assert expected == {"shift_jis": "cp932", "euc_jp": "euc_jp", "gbk": "gb18030",
                        "big5": "big5hkscs", "euc_kr": "cp949"}[codec]
    padded = b"<script>" + b"var a = 1;\n" * 200_000 + b"</script>" + _page(codec)
    assert _undeclared_codec(padded) == expected
    assert _undeclared_codec(_page(codec) * 4000) == expected


def test_one_long_run_of_text_is_sniffed_from_its_window_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The window was bounded between runs only: one run of 5 MB of text with no byte
    below 0x40 (no space, digit or tag in it) was decoded whole in each of five codecs
    and its script measured (9 s for a GBK one); it is cut at the window's end."""
    from auditor.readers import decode

    measured: list[int] = []
    in_script = decode._in_script

    def spy(codec: str, text: str) -> bool:
        measured.append(len(text))
        return in_script(codec, text)

    monkeypatch.setattr(decode, "_in_script", spy)
    run = PROSE["gbk"].replace("，", "").replace("。", "").encode("gbk") * 100_000
    assert decode._cjk_codec(b"<p>" + run + b"</p>") == "gb18030"
    assert measured and max(measured) <= decode._SNIFF_BYTES + 1


@pytest.mark.parametrize("text", [
    "<p>Café au lait, crème brûlée: über alles in Zürich, señor.</p>",
    "<p>Le marché de Wexbridge ouvre à 8 h; fermé le lundi. Entrée gratuite.</p>",
    "<p>Grüße aus München und Zürich</p>",
    "<p>Señora Muñoz, niño pequeño</p>",
])
def test_an_undeclared_western_page_stays_windows_1252(text: str) -> None:
    """Accented words that end before a space leave a lead byte no CJK codec takes a
    space after; `Grüße aus München` has none, and was read as GBK: each accented letter
    with the letter after it a lone hanzi (`Gr` + 倻 + `e`), where CJK text runs on."""
    (doc,) = list(read_source(text.encode("cp1252")))
    assert isinstance(doc, Document) and text in doc.text


@pytest.mark.parametrize(("text", "codec"), [
    ("<title>Çiğdem Gökçe</title><p>The council approved the library plan.</p>"
     "<p>By Çiğdem Gökçe</p>", "cp1254"),
    ("<p>Gökçeada'da öğrenciler için kurs: Çiğdem, Gökçe ve Müge.</p>", "cp1254"),
])
def test_latin_words_whose_accents_pair_stay_windows_1252(text: str, codec: str) -> None:
    """An English page with a Turkish byline, `Çiğdem Gökçe`, was read as GBK: each
    accented letter with the letter after it makes a hanzi, two in a row (`[][]em
    G[][]`), which ran on enough to pass for Chinese; its title became four hanzi. A
    CJK reading whose letters mostly stand in short runs glued to Latin letters is a
    Western page's."""
    from auditor.readers.decode import _undeclared_codec

    assert _undeclared_codec(text.encode(codec)) == "cp1252"


_SHOP = ("<title>Shop 商品</title><ul>" + "".join(
    f"<li><a href='/p/{i}'>{name}</a> NT$ {100 + i}</li>" for i, name in enumerate(
        ["Nike運動鞋", "Adidas外套", "iPhone殼", "USB線", "LED燈", "T恤", "Sony耳機",
         "Apple手錶", "HDMI線", "Logitech滑鼠", "ASUS筆電", "Canon相機"])) + "</ul>")


@pytest.mark.parametrize(("codec", "read"), [("big5", "big5hkscs"), ("gbk", "gb18030")])
def test_a_shops_brands_glued_to_their_goods_stay_chinese(codec: str, read: str) -> None:
    """A shop's list of brands glued to one or two hanzi of goods (`iPhone殼`, `USB線`,
    `Sony耳機`) has most of its letters in short runs beside Latin letters too, and was
    read as windows-1252 (its title `Shop °Ó«~`); a Latin word read in a CJK codec glues
    letters whose second byte is the ASCII letter after an accent, a Chinese page's
    letters seldom (never in GB2312's range)."""
    from auditor.readers.decode import _undeclared_codec

    assert _undeclared_codec(_SHOP.encode(codec)) == read


def test_a_declared_charset_is_the_only_reading() -> None:
    page = _page("shift_jis")
    declared = page.replace(b"<head>", b"<head><meta charset=shift_jis>")
    assert other_readings(declared) == ()
    assert [h for h, _ in _audit(declared)] == ["a.magsrv.com"]  # read once, as declared
    assert other_readings(b"<p>ascii only, <img src=//x.test/a.png></p>") == ()


def test_ascii_markup_after_wide_text_is_read_as_chromium_reads_it() -> None:
    """4 KB of UTF-16 text with no BOM, then ASCII markup: we read it all as UTF-16 (the
    tail is noise), Chromium as windows-1252, running the tail's script."""
    data = ("<html><body><p>" + "Market day in Wexbridge. " * 200 + "</p>").encode("utf-16-le") \
        + b'<script src="https://a.magsrv.com/ad-provider.js"></script>'
    assert [name for name, _ in other_readings(data)] == ["windows-1252"]
    assert ("a.magsrv.com", "charset windows-1252 script[src]") in _audit(data)


def test_a_non_ascii_host_read_another_way_is_not_another_host() -> None:
    """Lithuanian text (Chromium guessed windows-1257) with an IDN host: each reading
    makes another unknown host of it, which the page's own reading already counts, so no
    reading is added and the page keeps one host, not one per guessable charset."""
    text = "<p>Šiandien Vilniuje šilta ir saulėta, žmonės vaikšto parke.</p>"
    data = (text + '<img src="https://čia.example/a.png">').encode("cp1257")
    assert other_readings(data) == ()
    assert len(_audit(data)) == 1


def test_a_long_run_without_a_non_ascii_byte_costs_linear_time() -> None:
    """A base64 `data:` image (a run with no space or quote) on a page with one accented
    letter: the runs were sought by a pattern that backtracked over each run lacking a
    non-ASCII byte, 56 s for a 100 KB image; runs are split first, then kept."""
    import time

    def seconds(n: int) -> float:
        page = ('<p>Café du marché</p><img src="data:image/png;base64,' + "QUFB" * n
                + '">').encode("cp1252")
        start = time.perf_counter()
        assert other_readings(page) == ()
        return time.perf_counter() - start

    # the fastest of three runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(3)) for n in (50_000, 200_000))
    assert large < 10 * max(small, 0.01), (small, large)


def test_a_non_ascii_path_on_a_host_the_page_requests_is_not_requested_again() -> None:
    """A Japanese page (no charset) whose text holds full-width letters and 。 (`ＦＡＱ。`
    folds to `faq.`, so its Shift_JIS, GBK, EUC-JP and EUC-KR readings are walked), with
    images under Japanese paths: each image came back once per reading, under made-up
    paths (`/茶咙/继靠.jpg`), on hosts the page's own reading already requests. The
    full-width host it writes is still found (in the page's own reading, now that its
    codec is sniffed)."""
    host = _full_width("a.magsrv") + ".com"
    for codec in ("shift_jis", "euc_jp"):
        data = (f"<html><body><h1>{PROSE['shift_jis']}</h1><ul><li>ＦＡＱ。</li></ul>"
                '<img src="https://img.example.jp/画像/写真１.jpg">'
                '<img src="https://img.example.jp/logo.png">'
                f'<script src="https://{host}/ad-provider.js"></script>'
                "</body></html>").encode(codec)
        hosts = [h for h, _ in _audit(data)]
        assert hosts.count("img.example.jp") == 2 and "a.magsrv.com" in hosts, (codec, hosts)


def test_shift_jis_0x5c_trail_bytes_are_no_escapes_in_scripts() -> None:
    """表 is 0x95 0x5C and ソ 0x83 0x5C in Shift_JIS: read as windows-1252 the trail byte
    was a backslash, escaping the quote after it, so a GPT slot named `top_表` was read as
    `top_•\\`. Scripts are read from the decoded text, whatever the page declares."""
    script = ("<script>var label = 'ソ'; googletag.cmd.push(function() {"
              " googletag.defineSlot('/2817463/top_表', [728, 90], 'div-gpt-ad-1')"
              ".addService(googletag.pubads()); });</script>\n"
              '<script>var t = "表"; var u = "https://www.googletagmanager.com/gtm.js?id=GTM-AB12CD3";'
              "</script>\n")
    page = (f"<html><head><title>{PROSE['shift_jis'][:8]}</title></head><body>"
            f"<p>{PROSE['shift_jis']}</p>\n{script}</body></html>").encode("shift_jis")
    declared = page.replace(b"<head>", b"<head><meta charset=shift_jis>")
    ids = {(i.kind, i.value) for i in _report(page).ids}
    assert ids == {(i.kind, i.value) for i in _report(declared).ids}
    assert {("gpt-slot", "/2817463/top_表"), ("gtm-container", "GTM-AB12CD3")} <= ids


# A short title in each codec (the page's only non-ASCII text), and a sentence.
SHORT = [("gbk", "新闻", "gb18030"), ("gbk", "首页", "gb18030"), ("gbk", "体育", "gb18030"),
         ("big5", "新聞", "big5hkscs"), ("big5", "體育", "big5hkscs"),
         ("shift_jis", "ニュース", "cp932"), ("euc_jp", "ニュース", "euc_jp"),
         ("euc_kr", "서울 시의회가 도서관 개보수 계획을 승인했습니다.", "cp949")]


@pytest.mark.parametrize(("codec", "title", "read"), SHORT,
                         ids=[f"{codec}-{n}" for n, (codec, _, _) in enumerate(SHORT)])
def test_a_short_title_is_read_in_its_own_codec(codec: str, title: str, read: str) -> None:
    """A GBK page whose only Chinese was its two-character title (`新闻`) read as Big5
    (`陔恓`): four bytes decode in both, and the frequency model, given four bytes, picked
    Big5. Read as Big5 its letters are rare ones (Big5's level 2); Chinese text's are
    almost all its standard's frequent ones, so a reading mostly of rare letters is no text.
    (Chromium's detector reads so little as windows-1252; the other readings are walked.)"""
    from auditor.readers.decode import _undeclared_codec

    page = f"<html><head><title>{title}</title></head><body><p>Hello</p></body></html>"
    assert _undeclared_codec(page.encode(codec)) == read
    (doc,) = list(read_source(page.encode(codec)))
    assert isinstance(doc, Document) and doc.text == page


@pytest.mark.parametrize("text", [
    "今天天气很好😀🎉👍🔥 我们去公园玩吧🌸🌞🍦 太开心了😂😂😂" + "点赞👍👍👍🎉🎉" * 20,
    "哈哈😂😂😂",
    "<b>新闻</b>🔥",
], ids=["comment-thread", "one-laugh", "title-and-flame"])
def test_an_emoji_heavy_gb18030_page_is_read_as_gb18030(text: str) -> None:
    """GB18030 writes each emoji in four bytes, the second and fourth digits: the sniff's
    runs of text stopped at the digit, so a comment thread of emoji was sampled as lone
    lead bytes, failed GB18030, and the page was windows-1252 noise (`½ñÌì…`)."""
    page = f"<html><head><title>评论</title></head><body><p>{text}</p></body></html>"
    (doc,) = list(read_source(page.encode("gb18030")))
    assert isinstance(doc, Document) and doc.text == page
