"""DART's inline script slot (a script writing `…doubleclick.net/adj/<site>/<zone>;…;sz=WxH`)
backtracked its zone against an unbounded lazy run to `;sz=`: a script holding a DART
address followed by a long run with no quote, space or `;sz=` (a comment, a packed blob)
cost the run's square, and a run of such addresses its cube (200 in 9 KB took 105 s).
Read at n and 4n (revC33 review)."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

HEAD = "<html><head><title>t</title></head><body><p>Article text long enough to read.</p>\n"


def test_a_dart_address_before_a_long_unquoted_run_is_read_in_linear_time() -> None:
    def seconds(n: int) -> float:
        return audit_seconds(f"{HEAD}<script>var n = 1; // doubleclick.net/adj/news.site/"
                             f"{'b' * n}\n</script></body></html>")

    assert_linear(seconds, 6_000, "a DART address before an unquoted run")


def test_dart_addresses_run_together_are_read_in_linear_time() -> None:
    def seconds(n: int) -> float:
        run = "".join(f"doubleclick.net/adj/site{i}/" + "x," * 20 for i in range(n))
        return audit_seconds(f"{HEAD}<script>var n = 1; /* {run} */</script></body></html>")

    assert_linear(seconds, 25, "DART addresses run together")


def test_a_written_dart_tag_is_still_its_slot() -> None:
    from auditor.catalogue import default_catalogue

    spec = next(s for n in default_catalogue().networks if n.name == "DoubleClick DART"
                for s in n.script_slots)
    code = ("document.write('<script src=\"http://ad.doubleclick.net/adj/news.site/home;"
            "pos=top;tile=1;dcopt=ist;kw=a,b;sz=728x90;ord=' + ord + '?\"></script>');")
    match = spec.pattern.search(code)
    assert match is not None
    assert match.group("zone", "width", "height") == ("news.site/home", "728", "90")


def test_dart_addresses_with_spliced_counters_are_read_in_linear_time() -> None:
    """The run to `;sz=` may cross a `'+name+'` splice (hunt37a): addresses each followed
    by splices and no size, and splices whose name runs long, stay bounded per address."""
    def seconds(n: int) -> float:
        run = "".join(f"doubleclick.net/adj/site{i}/z;tile='+t+';pos='+{'p' * 70}+'"
                      + "'+a+'" * 30 for i in range(n))
        return audit_seconds(f"{HEAD}<script>var s = '{run}';</script></body></html>")

    assert_linear(seconds, 25, "DART addresses with spliced counters")


def test_dart_addresses_joined_from_variables_are_read_in_linear_time() -> None:
    """Thousands of `…/N1/adj/'+name+` joins, each name assigned twice or never (the site
    read from a variable, and the tag's signature, at every one)."""
    def seconds(n: int) -> float:
        joins = "".join(f"t{i % 50}='ad.doubleclick.net/N{i}/adj/'+s{i % 9}+';sz=1x1';"
                        f"s{i % 9}='a.b{i}';" for i in range(n))
        return audit_seconds(f"<html><body><p>Text.</p><script>{joins}</script></body></html>")

    assert_linear(seconds, 1_500, "joined DART addresses")
