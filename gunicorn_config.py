"""Gunicorn settings for serving the site: ``gunicorn -c gunicorn_config.py wsgi:app``.

Rate-limit counters must outlive any one worker and be shared by all of them, or a
worker that is restarted (killed for a slow request, or recycled) lets everyone it counted
start again, and each worker counts apart. So the counters live in Redis: the one named
by ``RATELIMIT_STORAGE_URI``, else a Redis on this host if one answers. Without either,
the site is served by one worker process with threads, whose memory holds every counter,
and that worker is never recycled.

Not named ``gunicorn.conf.py``, which gunicorn would read by itself: the test and
benchmark servers, started from this folder, choose their own settings.
"""

import os

import redis

LOCAL_REDIS = os.environ.get("COMMUNITY_LOCAL_REDIS", "redis://127.0.0.1:6379/0")

# Every request's work is bounded (a post of the longest length renders in well under a
# second); a worker silent for this long is stuck, and is killed and replaced.
timeout = 60
graceful_timeout = 30
accesslog = "-"


def _shared_storage() -> str | None:
    """Return where counters shared by every worker live, or None for process memory."""
    configured = os.environ.get("RATELIMIT_STORAGE_URI", "")
    if configured and not configured.startswith("memory://"):
        return configured
    if configured:
        return None
    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=0.5).ping()
    except (redis.RedisError, OSError, ValueError):
        return None
    return LOCAL_REDIS


_storage = _shared_storage()
if _storage:
    # The workers are forked from this process and read the setting from its environment.
    os.environ["RATELIMIT_STORAGE_URI"] = _storage
    workers = int(os.environ.get("WORKERS", os.cpu_count() or 1))
    # Recycled now and then, so that no worker grows for ever; the counters stay in Redis.
    max_requests = 2000
    max_requests_jitter = 200
else:
    print(
        "No Redis for rate-limit counters: serving from one process with threads, "
        "which counts every limit. Set RATELIMIT_STORAGE_URI=redis://… to use more."
    )
    os.environ["RATELIMIT_STORAGE_URI"] = "memory://"
    workers = 1
    worker_class = "gthread"
    threads = max(2, 2 * int(os.environ.get("WORKERS", os.cpu_count() or 1)))
    max_requests = 0


def post_worker_init(worker):
    """Send mail from each worker, unless COMMUNITY_MAIL_DELIVERY_THREAD is off."""
    from flask import Flask

    from community.mail.delivery import start_delivery_thread

    if isinstance(worker.wsgi, Flask):
        start_delivery_thread(worker.wsgi)
