"""Every page type is valid HTML, by the Nu Html Checker (vnu.jar, the W3C's validator)."""

import json
import re
import subprocess  # nosec B404: runs the checker installed by npm
from pathlib import Path

import pytest

from tests.checkers import VNU_JAR, vnu_missing_reason
from tests.page_types import PAGE_TYPES, fetch, make_world
from tests.web import client_as

# A page with known errors, checked with the others: the checker must find them, which
# shows it read the files and reported what it found.
CANARY = (
    '<!DOCTYPE html><html lang="en"><head><title>canary</title></head>'
    "<body><p><div>unclosed</p></body></html>"
)
CANARY_NAME = "canary-with-known-errors.html"
ERROR_TYPES = ("error", "non-document-error")


def _check_with_vnu(files: list[Path]) -> list[dict]:
    result = subprocess.run(  # nosec B603, B607: a fixed command line
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return _reported_messages(result)


def _reported_messages(result: subprocess.CompletedProcess) -> list[dict]:
    """The checker's messages; fail unless it exited 0 with no error or 1 reporting some."""
    output = result.stderr[-3000:]
    if result.returncode not in (0, 1):
        pytest.fail(f"the Nu Html Checker failed, exit {result.returncode}:\n{output}")
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError, TypeError):
        pytest.fail(f"the Nu Html Checker gave no report, exit {result.returncode}:\n{output}")
    found_errors = any(message.get("type") in ERROR_TYPES for message in messages)
    if found_errors != (result.returncode == 1):
        pytest.fail(
            f"the Nu Html Checker exited {result.returncode} but reported "
            f"{'errors' if found_errors else 'none'}:\n{output}"
        )
    return messages


@pytest.mark.parametrize(
    ("returncode", "stderr"),
    [
        (2, "Error: Unable to access jarfile"),
        (1, ""),
        (1, '{"messages": []}'),
        (0, '{"messages": [{"type": "error", "url": "file:/a.html", "message": "Bad."}]}'),
        (0, "Exception in thread main"),
    ],
    ids=["crash", "silent", "exit-1-without-errors", "errors-with-exit-0", "no-report"],
)
def test_a_checker_run_that_did_not_report_properly_fails(returncode, stderr):
    with pytest.raises(pytest.fail.Exception, match="Nu Html Checker"):
        _reported_messages(subprocess.CompletedProcess([], returncode, "", stderr))


@pytest.mark.nu_checker
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
    (tmp_path / CANARY_NAME).write_text(CANARY)
    messages = _check_with_vnu([*files, tmp_path / CANARY_NAME])
    errors = [
        f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") in ERROR_TYPES
    ]
    assert any(error.startswith(CANARY_NAME) for error in errors), "the canary's errors"
    errors = [error for error in errors if not error.startswith(CANARY_NAME)]
    assert errors == [], "\n".join(errors)
    assert len(files) >= 25
    print(f"\nthe Nu Html Checker checked {len(files)} pages")
