"""Search: published summaries and approved posts, ranked, on SQLite FTS5 or PostgreSQL."""
