"""The pages of a generated community that the benchmark measures."""

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from community.extensions import db
from community.models import Condition, Question

# From community.loadtest.vocabulary: "diagnosed" opens many experiences and replies;
# "organiser" is one item of the lists a quarter of experiences carry.
SEARCH_COMMON_WORD = "diagnosed"
SEARCH_RARE_WORD = "organiser"


@dataclass(frozen=True)
class ReferencePages:
    directory: str
    large_condition: str
    question_200_posts: str
    question_2000_posts: str
    question_200_posts_feed: str
    api_conditions: str
    api_question_200_posts: str
    # In most generated texts, and in few of them.
    search_common_word: str = ""
    search_rare_word: str = ""
    # The largest condition with its questions; the searches above, answered by the API.
    api_condition: str = ""
    api_search_common_word: str = ""
    api_search_rare_word: str = ""


def reference_pages() -> ReferencePages | None:
    """Return the reference pages, or None when the data has no reference questions.

    The generator writes the largest condition first and plants the reference questions
    as its first two: 200 approved posts in 20 threads, then 2,000 posts in all.
    """
    condition = db.session.scalar(select(Condition).order_by(Condition.id).limit(1))
    if condition is None:
        return None
    questions = db.session.scalars(
        select(Question)
        .where(Question.condition_id == condition.id)
        .order_by(Question.position, Question.id)
        .limit(2)
    ).all()
    if len(questions) < 2:
        return None
    return ReferencePages(
        directory=url_for("conditions.directory"),
        large_condition=url_for("conditions.condition", slug=condition.slug),
        question_200_posts=_question_url(condition, questions[0]),
        question_2000_posts=_question_url(condition, questions[1]),
        question_200_posts_feed=url_for(
            "feeds.question_feed", slug=condition.slug, qslug=questions[0].slug
        ),
        api_conditions=url_for("api.conditions"),
        api_question_200_posts=url_for(
            "api.question", slug=condition.slug, qslug=questions[0].slug
        ),
        search_common_word=url_for("search.search", q=SEARCH_COMMON_WORD),
        search_rare_word=url_for("search.search", q=SEARCH_RARE_WORD),
        api_condition=url_for("api.condition", slug=condition.slug),
        api_search_common_word=url_for("api.search", q=SEARCH_COMMON_WORD),
        api_search_rare_word=url_for("api.search", q=SEARCH_RARE_WORD),
    )


def _question_url(condition: Condition, question: Question) -> str:
    return url_for("conditions.question", slug=condition.slug, qslug=question.slug)
