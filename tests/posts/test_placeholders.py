"""A post out of view leaves a placeholder that names nobody, not even through its replies.

Replies deeper than the last nesting level hang flat and say whom they answer ("in
reply to @name"); when the post they answer is not shown to the reader (removed,
hidden, deleted, or still pending or rejected), they must not name its author.
"""

import pytest

from community.posts.states import PostAction
from community.posts.threads import MAX_NESTING
from tests.factories import make_post
from tests.posts.conftest import QUESTION_URL
from tests.web import ANONYMOUS, client_as

OUT_OF_VIEW = {
    "removed": (PostAction.APPROVE, PostAction.REMOVE),
    "hidden": (PostAction.APPROVE, PostAction.HIDE),
    "deleted": (PostAction.APPROVE, PostAction.DELETE),
    "pending": (),
    "rejected": (PostAction.REJECT,),
}


def deep_reply_under(app, community, parent_actions: tuple[PostAction, ...]) -> int:
    """wren's thread down to kestrel's post on the last nesting level, and a reply to it.

    The reply is one level deeper than pages nest, so it says whom it answers.
    """
    parent = make_post(app, community.wren, question_id=community.question_id)
    for _ in range(MAX_NESTING - 2):
        parent = make_post(app, community.wren, parent_id=parent, text="Going deeper.")
    kestrels = make_post(
        app, community.kestrel, parent_id=parent, text="Words from above.", actions=parent_actions
    )
    return make_post(app, community.wren, parent_id=kestrels, text="The deepest answer.")


@pytest.mark.parametrize("viewer", [ANONYMOUS, "robin"])
@pytest.mark.parametrize("state", OUT_OF_VIEW, ids=OUT_OF_VIEW.keys())
def test_a_reply_to_a_post_out_of_view_does_not_name_its_author(app, community, state, viewer):
    deep_reply_under(app, community, OUT_OF_VIEW[state])

    html = client_as(app, viewer).get(QUESTION_URL).text

    assert "The deepest answer." in html
    assert "Words from above." not in html
    assert "in reply to @" not in html and "kestrel" not in html


def test_a_reply_to_a_published_post_names_its_author(app, community):
    deep_reply_under(app, community, (PostAction.APPROVE,))

    html = client_as(app, ANONYMOUS).get(QUESTION_URL).text

    assert "The deepest answer." in html and "Words from above." in html
    assert "in reply to @kestrel" in html
