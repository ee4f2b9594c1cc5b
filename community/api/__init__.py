"""The read-only JSON API under /api/v1/, described by an OpenAPI 3.1 document.

It reads through the same services as the pages (community.conditions.services,
community.posts.threads) and shows what a visitor sees: published text, usernames and
counts, never an email, a pending text or a moderation decision. Every route is a GET
(so CSRF has nothing to guard), open to any origin without credentials (CORS), limited
per address (``COMMUNITY_LIMIT_API``), and revalidated by ETag.
"""
