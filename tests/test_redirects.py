"""``next`` is followed only to paths on this site."""

import pytest

from community.redirects import safe_next


@pytest.mark.parametrize(
    "target", ["/", "/conditions/asthma", "/conditions/asthma?page=2#share", "/members/wren"]
)
def test_local_paths_are_followed(target):
    assert safe_next(target, "/fallback") == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "https://evil.example/",
        "http:/evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "javascript:alert(1)",
        "/\x00/evil.example",
        "/\n/evil.example",
        "conditions/asthma",
    ],
)
def test_anything_else_falls_back(target):
    assert safe_next(target, "/fallback") == "/fallback"
