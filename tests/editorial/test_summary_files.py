"""Summaries as Markdown files: export, import, and the files import refuses."""

from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from community.editorial.summary_files import SummaryFileError, parse_summary_file
from community.extensions import db
from community.models import (
    Condition,
    ModerationEvent,
    Question,
    RevisionState,
    Role,
    SummaryRevision,
)
from tests.editorial.helpers import make_reviewer
from tests.factories import make_condition, make_question, make_summary, make_user

FILE_NAME = "lupus--how-is-it-treated.md"
MISSING = object()


def _front_matter(**changes) -> dict:
    front = {
        "condition": "lupus",
        "condition_name": "Lupus",
        "question": "how-is-it-treated",
        "question_title": "How is it treated?",
        "short_answer": "With medicines that calm the immune system.",
        "reviewer_name": "Dr. Ada Example",
        "reviewer_credentials": "MD, Rheumatology",
        "reviewed_on": date(2026, 3, 1),
        "updated_on": date(2026, 3, 5),
        "next_review_due": None,
        "sources": [{"title": "MedlinePlus", "url": "https://medlineplus.gov/lupus.html"}],
    }
    front.update(changes)
    return {key: value for key, value in front.items() if value is not MISSING}


def _summary_text(body: str = "Treatment depends on the organs involved.", **changes) -> str:
    front = yaml.safe_dump(_front_matter(**changes), sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n\n{body}\n"


def _write(directory: Path, text: str, name: str = FILE_NAME) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _row_counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Condition, Question, SummaryRevision)
        )


def _newest_revision(app, condition_slug: str, question_slug: str) -> dict:
    with app.app_context():
        revision = db.session.scalar(
            select(SummaryRevision)
            .join(SummaryRevision.question)
            .join(Question.condition)
            .where(Condition.slug == condition_slug, Question.slug == question_slug)
            .order_by(SummaryRevision.id.desc())
            .limit(1)
        )
        return {
            "short_answer": revision.short_answer,
            "body_markdown": revision.body_markdown,
            "body_html": revision.body_html,
            "updated_on": revision.updated_on,
            "sources": revision.sources,
        }


def _files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def _two_conditions_with_summaries(app) -> None:
    asthma = make_condition(app)
    first = make_question(app, asthma)
    make_summary(app, first, short_answer="An older answer.")
    make_summary(app, first, short_answer="Asthma narrows the airways.")
    make_question(app, asthma, slug="is-it-inherited", title="Is it inherited?")
    lupus = make_condition(app, slug="lupus", name="Lupus")
    make_summary(app, make_question(app, lupus, slug="how-is-it-treated"))


def test_export_writes_the_newest_revision_of_each_summarized_question(app, runner, tmp_path):
    _two_conditions_with_summaries(app)
    directory = tmp_path / "new" / "summaries"

    result = runner.invoke(args=["export-summaries", str(directory)])

    assert result.exit_code == 0, result.output
    assert f"Exported 2 summaries to {directory}" in result.output
    assert sorted(_files(directory)) == [
        "asthma--what-causes-it.md",
        "lupus--how-is-it-treated.md",
    ]
    text = (directory / "asthma--what-causes-it.md").read_text(encoding="utf-8")
    assert text == (
        "---\n"
        "condition: asthma\n"
        "condition_name: Asthma\n"
        "question: what-causes-it\n"
        "question_title: What causes it?\n"
        "short_answer: Asthma narrows the airways.\n"
        "reviewer_name: Dr. Ada Example\n"
        "reviewer_credentials: MD, Immunology\n"
        "reviewed_on: 2026-04-02\n"
        "updated_on: 2026-04-07\n"
        "next_review_due: 2027-04-02\n"
        "sources:\n"
        "- title: MedlinePlus\n"
        "  url: https://medlineplus.gov/\n"
        "---\n"
        "\n"
        "The **longer** body.\n"
    )


def test_export_does_not_write_through_a_symbolic_link(app, runner, tmp_path):
    _two_conditions_with_summaries(app)
    directory = tmp_path / "summaries"
    directory.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (directory / "lupus--how-is-it-treated.md").symlink_to(victim)

    result = runner.invoke(args=["export-summaries", str(directory)])

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "lupus--how-is-it-treated.md is a symbolic link; remove it" in result.output
    assert victim.read_text() == "keep me"


def test_export_then_import_changes_nothing(app, runner, tmp_path):
    _two_conditions_with_summaries(app)
    runner.invoke(args=["export-summaries", str(tmp_path / "first")])
    before = _row_counts(app)

    result = runner.invoke(args=["import-summaries", str(tmp_path / "first")])
    runner.invoke(args=["export-summaries", str(tmp_path / "second")])

    assert result.exit_code == 0, result.output
    assert f"Imported 2 summaries (2 unchanged) from {tmp_path / 'first'}" in result.output
    assert _row_counts(app) == before
    assert _files(tmp_path / "second") == _files(tmp_path / "first")


def test_import_creates_condition_question_and_sanitized_revision(app, runner, tmp_path):
    condition_id = make_condition(app, slug="lupus", name="Lupus")
    make_question(app, condition_id, slug="what-is-it", title="What is it?")
    body = "## Medicines\n\nMost people take **hydroxychloroquine**.\n\n<script>alert(1)</script>"
    _write(tmp_path, _summary_text(body=body))
    _write(
        tmp_path,
        _summary_text(
            condition="eczema",
            condition_name="Eczema",
            question="what-helps",
            question_title="What helps?",
        ),
        name="eczema--what-helps.md",
    )

    result = runner.invoke(args=["import-summaries", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert f"Imported 2 summaries (0 unchanged) from {tmp_path}" in result.output
    revision = _newest_revision(app, "lupus", "how-is-it-treated")
    assert revision["body_markdown"] == body
    assert "<h2>Medicines</h2>" in revision["body_html"]
    assert "<strong>hydroxychloroquine</strong>" in revision["body_html"]
    assert "<script" not in revision["body_html"]
    assert revision["sources"] == [
        {"title": "MedlinePlus", "url": "https://medlineplus.gov/lupus.html"}
    ]
    with app.app_context():
        lupus = db.session.scalar(select(Condition).where(Condition.slug == "lupus"))
        assert [(q.slug, q.position) for q in lupus.questions] == [
            ("what-is-it", 0),
            ("how-is-it-treated", 1),
        ]
        eczema = db.session.scalar(select(Condition).where(Condition.slug == "eczema"))
        assert (eczema.name, eczema.about_markdown) == ("Eczema", "")
        assert [(q.title, q.position) for q in eczema.questions] == [("What helps?", 0)]


def test_changed_file_adds_a_revision_that_becomes_the_newest(app, runner, tmp_path):
    _two_conditions_with_summaries(app)
    runner.invoke(args=["export-summaries", str(tmp_path)])
    path = tmp_path / "asthma--what-causes-it.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("updated_on: 2026-04-07", "updated_on: 2026-05-01").replace(
            "The **longer** body.", "A *revised* body."
        ),
        encoding="utf-8",
    )
    conditions, questions, revisions = _row_counts(app)

    result = runner.invoke(args=["import-summaries", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "Imported 2 summaries (1 unchanged)" in result.output
    assert _row_counts(app) == (conditions, questions, revisions + 1)
    revision = _newest_revision(app, "asthma", "what-causes-it")
    assert revision["updated_on"] == date(2026, 5, 1)
    assert revision["body_html"] == "<p>A <em>revised</em> body.</p>"
    assert revision["short_answer"] == "Asthma narrows the airways."


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("Just a body.\n", "no YAML front matter", id="no-front-matter"),
        pytest.param(
            "---\ncondition: lupus\n\nBody.\n",
            "front matter has no closing '---' line",
            id="unclosed",
        ),
        pytest.param(
            "---\ncondition: [lupus\n---\n\nBody.\n", "front matter is not valid YAML", id="yaml"
        ),
        pytest.param(
            "---\n- lupus\n---\n\nBody.\n", "front matter must be a mapping", id="not-a-mapping"
        ),
        pytest.param(
            _summary_text(condition=MISSING), "missing required key 'condition'", id="condition"
        ),
        pytest.param(
            _summary_text(question=MISSING), "missing required key 'question'", id="question"
        ),
        pytest.param(
            _summary_text(short_answer=MISSING),
            "missing required key 'short_answer'",
            id="short-answer",
        ),
        pytest.param(
            _summary_text(updated_on=MISSING), "missing required key 'updated_on'", id="updated-on"
        ),
        pytest.param(
            _summary_text(short_answer="  "), "'short_answer' must be non-empty text", id="blank"
        ),
        pytest.param(
            _summary_text(updated_on="last spring"),
            "'updated_on' must be an ISO date (YYYY-MM-DD), not 'last spring'",
            id="bad-date",
        ),
        pytest.param(
            _summary_text(reviewed_on="2026-02-30"), "'reviewed_on' must be an ISO date", id="day"
        ),
        pytest.param(
            _summary_text(sources="https://medlineplus.gov/"),
            "'sources' must be a list",
            id="sources-not-a-list",
        ),
        pytest.param(
            _summary_text(sources=[{"title": "MedlinePlus"}]),
            "'sources' entry 1 must have a 'title' and a 'url'",
            id="source-without-url",
        ),
        pytest.param(
            _summary_text(sources=[{"title": "Bad", "url": "javascript:alert(1)"}]),
            "'sources' entry 1 must have an http or https 'url'",
            id="source-url",
        ),
        pytest.param(
            _summary_text(reviwer_name="Dr. Ada"), "unknown key 'reviwer_name'", id="typo"
        ),
        pytest.param(
            _summary_text(condition="Lupus Disease"), "'condition' must be a slug", id="slug"
        ),
        pytest.param(
            _summary_text(question="how-is-it-managed"),
            "file name must be 'lupus--how-is-it-managed.md'",
            id="file-name",
        ),
        pytest.param(
            _summary_text(condition_name=MISSING),
            "'condition_name' is required to create the new condition 'lupus'",
            id="new-condition-without-name",
        ),
    ],
)
def test_invalid_file_is_refused_and_nothing_is_written(app, runner, tmp_path, text, problem):
    make_summary(app, make_question(app, make_condition(app)), short_answer="Asthma narrows.")
    before = _row_counts(app)
    _write(
        tmp_path,
        _summary_text(condition="asthma", question="what-causes-it", short_answer="New answer."),
        name="asthma--what-causes-it.md",
    )
    _write(tmp_path, text)

    result = runner.invoke(args=["import-summaries", str(tmp_path)])

    assert result.exit_code == 1
    assert "Nothing was imported" in result.output
    assert f"{FILE_NAME}: {problem}" in result.output
    assert _row_counts(app) == before
    assert _newest_revision(app, "asthma", "what-causes-it")["short_answer"] == "Asthma narrows."


def test_import_from_a_missing_directory_fails(app, runner, tmp_path):
    result = runner.invoke(args=["import-summaries", str(tmp_path / "nowhere")])

    assert result.exit_code == 1
    assert "not a directory" in result.output


def test_every_problem_in_every_file_is_reported_at_once():
    text = _summary_text(updated_on="soon", sources=[{"title": "", "url": "https://x.org"}])

    with pytest.raises(SummaryFileError) as raised:
        parse_summary_file(FILE_NAME, text)

    assert raised.value.problems == [
        f"{FILE_NAME}: 'updated_on' must be an ISO date (YYYY-MM-DD), not 'soon'",
        f"{FILE_NAME}: 'sources' entry 1 must have a non-empty 'title'",
    ]


def test_quoted_dates_and_windows_line_endings_are_read():
    text = _summary_text(updated_on="2026-03-05", body="Line one.\nLine two.")

    summary = parse_summary_file(FILE_NAME, text.replace("\n", "\r\n"))

    assert summary.content.updated_on == date(2026, 3, 5)
    assert summary.content.body == "Line one.\nLine two."


def test_imported_file_without_a_reviewer_is_a_draft_not_a_reviewed_summary(app, runner, tmp_path):
    # The defect: a file naming no reviewer, reviewed a year ago, went live as reviewed.
    _write(
        tmp_path,
        _summary_text(reviewer_name=None, reviewer_credentials=None, reviewed_on=date(2025, 3, 1)),
    )

    result = runner.invoke(args=["import-summaries", str(tmp_path)])

    assert result.exit_code == 0, result.output
    assert "1 new revision: drafts awaiting review" in result.output
    html = app.test_client().get("/conditions/lupus/questions/how-is-it-treated").text
    assert "No reviewed summary yet" in html
    assert "Medically reviewed" not in html
    with app.app_context():
        revision = db.session.scalar(select(SummaryRevision))
        assert revision.state is RevisionState.DRAFT
        assert revision.reviewer_name is None and revision.reviewed_on is None


def test_a_file_cannot_claim_a_review_without_a_reviewer_account(app, runner, tmp_path):
    _write(tmp_path, _summary_text())  # names Dr. Ada Example as its reviewer

    runner.invoke(args=["import-summaries", str(tmp_path)])

    html = app.test_client().get("/conditions/lupus/questions/how-is-it-treated").text
    assert "No reviewed summary yet" in html and "Dr. Ada Example" not in html


def test_import_signed_off_by_a_reviewer_publishes_with_their_name(app, runner, tmp_path):
    make_reviewer(app, "dr_ada", "Dr. Ada Lovelace")
    _write(tmp_path, _summary_text())

    result = runner.invoke(args=["import-summaries", str(tmp_path), "--signed-off-by", "dr_ada"])

    assert result.exit_code == 0, result.output
    assert "signed off by dr_ada and published" in result.output
    html = app.test_client().get("/conditions/lupus/questions/how-is-it-treated").text
    assert "Medically reviewed by Dr. Ada Lovelace, MD, Respiratory Medicine on" in html
    with app.app_context():
        actions = db.session.scalars(select(ModerationEvent.action).order_by(ModerationEvent.id))
        assert list(actions) == ["import_summary", "sign_off_summary"]


@pytest.mark.parametrize(
    ("username", "roles", "profile", "problem"),
    [
        ("nobody", None, False, "no account is called 'nobody'"),
        ("plain", (), False, "'plain' does not have the reviewer role"),
        ("bare", (Role.REVIEWER,), False, "'bare' has no reviewer profile"),
    ],
)
def test_import_signed_off_by_someone_who_cannot_sign_is_refused(
    app, runner, tmp_path, username, roles, profile, problem
):
    if roles is not None:
        make_user(app, username, roles=roles)
    _write(tmp_path, _summary_text())
    before = _row_counts(app)

    result = runner.invoke(args=["import-summaries", str(tmp_path), "--signed-off-by", username])

    assert result.exit_code == 1
    assert problem in result.output
    assert _row_counts(app) == before


def test_export_writes_only_published_revisions(app, runner, tmp_path):
    _write(tmp_path / "in", _summary_text())
    runner.invoke(args=["import-summaries", str(tmp_path / "in")])

    result = runner.invoke(args=["export-summaries", str(tmp_path / "out")])

    assert "Exported 0 summaries" in result.output
