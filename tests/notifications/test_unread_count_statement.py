"""The header's unread count looks each notification's post up by its id.

``post_id IN (SELECT id FROM posts WHERE state = 'approved')`` had PostgreSQL read the id
of every published post (a million in the benchmark's data, 2.4 s) whenever the member
had notifications; a correlated EXISTS reads one post by its key per notification.
"""

from tests.factories import make_community
from tests.querycount import count_queries
from tests.web import log_in


def test_the_unread_count_reads_each_notifications_post_by_its_id(app, client):
    make_community(app)
    log_in(client, "wren")
    with count_queries(app) as statements:
        assert client.get("/").status_code == 200
    (count,) = [s for s in statements if "FROM notifications" in s and "count(*)" in s]
    assert "EXISTS (SELECT posts.id" in count
    assert "posts.id = notifications.post_id" in count
    assert "notifications.post_id IN" not in count
