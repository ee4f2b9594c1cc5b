"""The plan of a synthetic community: exact totals, seeded, shaped like real communities."""

import random

from community.loadtest import plan


def test_apportion_splits_a_total_exactly_and_in_proportion():
    weights = plan.zipf_weights(450, plan.CONDITION_EXPONENT)
    counts = plan.apportion(1_000_000, weights)
    assert sum(counts) == 1_000_000
    assert counts == sorted(counts, reverse=True)
    # A few huge conditions and a long tail.
    assert counts[0] > 100 * counts[-1]
    assert sum(counts[:10]) > 0.4 * 1_000_000


def test_post_counts_add_up_with_the_planted_questions_first():
    sizes = plan.Sizes(conditions=20, questions_per_condition=5, members=1000, posts=50_000)
    counts = plan.plan_post_counts(sizes, [222, 2000])
    assert sum(map(sum, counts)) == 50_000
    assert counts[0][:2] == [222, 2000]
    assert all(len(questions) == 5 for questions in counts)


def test_every_condition_has_members_and_nobody_joins_one_twice():
    sizes = plan.Sizes(conditions=50, questions_per_condition=2, members=200, posts=0)
    members = plan.plan_memberships(sizes, random.Random(1))
    assert all(len(joined) >= plan.MIN_MEMBERS_PER_CONDITION for joined in members)
    assert all(len(joined) == len(set(joined)) for joined in members)


def test_the_same_seed_plans_the_same_threads():
    authors = list(range(100))
    first = plan.plan_question(random.Random(7), 300, authors, 0.3)
    again = plan.plan_question(random.Random(7), 300, authors, 0.3)
    other = plan.plan_question(random.Random(8), 300, authors, 0.3)
    assert first == again != other


def test_replies_answer_earlier_posts_that_were_published():
    posts = plan.plan_question(random.Random(3), 500, list(range(60)), 0.25)
    for index, post in enumerate(posts):
        if post.parent is not None:
            assert post.parent < index
            assert posts[post.parent].state in plan.REPLYABLE_STATES
    sharers = [post.author for post in posts if post.parent is None]
    assert len(sharers) == len(set(sharers))


def test_the_reference_page_holds_200_approved_posts_in_20_threads():
    posts = plan.plan_reference_page(random.Random(1), list(range(500)))
    assert sum(post.state == "approved" for post in posts) == plan.REFERENCE_SHOWN_POSTS
    assert sum(post.parent is None for post in posts) == plan.REFERENCE_THREADS
