"""Moderation: the queue, decisions on posts, reports, suspensions and the audit log."""
