"""A box a paywall or membership script shows to the visitors it is for (`.member-only`,
`.subscriber-offer`), hidden by a rule of the page's own sheet as the page is saved for
everyone else, holds the offer's links (the app stores, the e-edition, the archive): no
link farm. The same box selling what link farms sell stays one. Pages written here after
a news site's subscriber offer."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_OFFER = """
    <li><a href="https://apps.apple.com/us/app/daily-herald/id123456789">iPhone app</a></li>
    <li><a href="https://www.pressreader.com/usa/daily-herald">e-Edition</a></li>
    <li><a href="https://www.legacy.com/us/obituaries/dailyherald/browse">Obituaries</a></li>
    <li><a href="https://www.newspapers.com/paper/daily-herald/123/">Archives</a></li>
    <li><a href="https://www.ticketmaster.com/discover/concerts">Member ticket offers</a></li>"""
_FARM = """
    <li><a href="https://best-casino-bonus.test/">online casino bonus</a></li>
    <li><a href="https://pills-shop.test/">cheap pills</a></li>
    <li><a href="https://bet365-mirror.test/">sports betting</a></li>"""


def _page(box_class: str, links: str) -> bytes:
    return f"""<!DOCTYPE html>
<html><head><title>Daily Herald</title>
<style>
.{box_class.split()[0]}{{display:none}}
</style>
</head><body>
<h1>Budget vote delayed</h1>
<p>The vote on the city budget was delayed until next week.</p>
<div class="{box_class}">
  <h3>Subscribers get more</h3>
  <ul>{links}
  </ul>
</div>
</body></html>""".encode()


@pytest.mark.parametrize(("box_class", "links", "severities"), [
    ("member-only subscriber-offer", _OFFER, []),
    ("subscriber-only", _OFFER, []),
    ("member-only", _FARM, ["high"]),  # a farm named for members is a farm
    ("xq7k", _OFFER, ["high"]),  # no members' box: a name a kit makes up
], ids=["members-offer", "subscribers-offer", "members-farm", "made-up-name"])
def test_a_members_box_hidden_by_the_sheet_is_no_farm(
        box_class: str, links: str, severities: list[str], project_engine: Engine,
        catalogue: Catalogue) -> None:
    (page,) = audit(_page(box_class, links), url="https://dailyherald.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [f.severity.value for f in page.findings if f.kind == "hidden-links"] == severities


_BACKLINKS = """
    <a href="https://essaypro-writers.test/">write my essay</a>
    <a href="https://topseo-agency.test/">seo agency london</a>
    <a href="https://buyfollowers-fast.test/">buy instagram followers</a>
    <a href="https://forex-signals.test/">forex signals</a>"""


def test_a_box_its_own_style_hides_is_no_members_box(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # the members' box is one the page's sheet hides until a paywall script shows it; a
    # block hidden by its own `style="display:none"`, whatever its name, is how a hacked
    # template hides the backlinks it sells
    markup = f"""<!DOCTYPE html>
<html><head><title>Daily Herald</title></head><body>
<h1>Budget vote delayed</h1>
<p>The vote on the city budget was delayed until next week.</p>
<div class="member-links" style="display:none">{_BACKLINKS}
</div>
</body></html>""".encode()
    (page,) = audit(markup, url="https://dailyherald.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [f.severity.value for f in page.findings if f.kind == "hidden-links"] == ["high"]


# a newspaper's own words for its e-edition and its consumer desk's stories: 'replica',
# 'counterfeit' and 'knockoff' alone sell no fakes (a farm's are goods': replica watches)
_NEWSPAPER_WORDS = """
    <li><a href="https://www.pressreader.com/usa/daily-herald">Digital replica</a></li>
    <li><a href="https://eedition.dailyherald-news.test/">Print replica edition</a></li>
    <li><a href="https://www.secretservice.gov/money">Spotting counterfeit bills</a></li>
    <li><a href="https://www.consumerreports.org/shopping/">Knockoff or not? Ask us</a></li>
    <li><a href="https://www.legacy.com/us/obituaries/dailyherald/browse">Obituaries</a></li>"""
_COUNTERFEIT_FARM = """
    <li><a href="https://www.watches-shop-uk.test/">replica watches</a></li>
    <li><a href="https://luxury-deals.test/">rolex replica</a></li>
    <li><a href="https://replicahandbags.test/">click here</a></li>
    <li><a href="https://fashion-outlet.test/">knock-off designer bags</a></li>"""


@pytest.mark.parametrize(("links", "severities"), [
    (_NEWSPAPER_WORDS, []),
    (_COUNTERFEIT_FARM, ["high"]),
], ids=["e-edition and consumer desk", "counterfeit goods"])
def test_a_members_box_selling_counterfeits_needs_their_goods(
        links: str, severities: list[str], project_engine: Engine,
        catalogue: Catalogue) -> None:
    (page,) = audit(_page("member-only subscriber-offer", links),
                    url="https://dailyherald.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [f.severity.value for f in page.findings if f.kind == "hidden-links"] == severities
