"""The demo's content, read from data files: community.yaml and one summary file per question.

The summaries are in the format ``import-summaries`` reads (community.editorial.summary_files)
and are read by that same code; the conditions, members and their threads are in
``data/community.yaml``. Everything is fictional apart from the medical facts and the linked
sources. The data is immutable so that seeding it twice gives the same result.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from community.editorial.summary_files import SummaryFile, read_summary_files

DATA = Path(__file__).parent / "data"
SUMMARIES = DATA / "summaries"
COMMUNITY = DATA / "community.yaml"


@dataclass(frozen=True)
class Condition:
    slug: str
    name: str
    about_markdown: str
    # The question slugs in the order the condition's page lists them.
    questions: tuple[str, ...]
    # Other names people search by.
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Member:
    username: str
    relations: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Story:
    """A thread: an experience on a question and its replies, each a Story."""

    condition: str
    question: str
    author: str
    text: str
    state: str
    replies: tuple["Story", ...] = ()
    # Members of the community who marked the experience "This helped me".
    helped_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Community:
    conditions: tuple[Condition, ...]
    members: tuple[Member, ...]
    stories: tuple[Story, ...]
    # Each question's summary file, by (condition slug, question slug).
    summaries: dict[tuple[str, str], SummaryFile]


@cache
def load() -> Community:
    """Read the demo's data files once; a file that does not read raises, naming it."""
    data = yaml.safe_load(COMMUNITY.read_text(encoding="utf-8"))
    summaries = {(s.condition, s.question): s for s in read_summary_files(SUMMARIES)}
    return Community(
        conditions=tuple(
            Condition(
                slug=item["slug"],
                name=item["name"],
                about_markdown=item["about"].strip(),
                questions=tuple(item["questions"]),
                synonyms=tuple(item.get("synonyms", ())),
            )
            for item in data["conditions"]
        ),
        members=tuple(
            Member(item["username"], tuple(item["relations"].items())) for item in data["members"]
        ),
        stories=tuple(
            _story(item, item["condition"], item["question"]) for item in data["stories"]
        ),
        summaries=summaries,
    )


def _story(item: dict[str, Any], condition: str, question: str) -> Story:
    """A story from YAML; replies belong to their thread's condition and question."""
    return Story(
        condition=condition,
        question=question,
        author=item["author"],
        text=item["text"].strip(),
        state=item["state"],
        replies=tuple(_story(reply, condition, question) for reply in item.get("replies", ())),
        helped_by=tuple(item.get("helped_by", ())),
    )
