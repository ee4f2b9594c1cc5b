"""Every page type is valid HTML, by the Nu Html Checker (vnu.jar, the W3C's validator)."""

import json
import re
import subprocess  # nosec B404: runs the checker installed by npm
from pathlib import Path

import pytest

from tests.checkers import VNU_JAR, vnu_missing_reason
from tests.page_types import PAGE_TYPES, fetch, make_world
from tests.web import client_as

pytestmark = pytest.mark.nu_checker


def _check_with_vnu(files: list[Path]) -> list[dict]:
    result = subprocess.run(  # nosec B603, B607: a fixed command line
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stderr or '{"messages": []}')["messages"]


def test_every_page_type_passes_the_nu_html_checker(app, tmp_path):
    reason = vnu_missing_reason()
    if reason:
        pytest.skip(reason)
    world = make_world(app)
    files = []
    for page_type in PAGE_TYPES:
        for role in page_type.roles:
            response = fetch(client_as(app, role), page_type, world)
            assert response.status_code == page_type.status, f"{page_type.name} as {role}"
            name = re.sub(r"\W+", "-", f"{page_type.name} as {role}")
            files.append(tmp_path / f"{name}.html")
            files[-1].write_text(response.text)
    messages = _check_with_vnu(files)
    errors = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) >= 25
    print(f"\nthe Nu Html Checker checked {len(files)} pages")
