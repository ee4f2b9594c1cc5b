"""gunicorn settings read by ``make run`` and any gunicorn started from this folder."""


def post_worker_init(worker):
    """Send mail from each worker, unless COMMUNITY_MAIL_DELIVERY_THREAD is off."""
    from flask import Flask

    from community.mail.delivery import start_delivery_thread

    if isinstance(worker.wsgi, Flask):
        start_delivery_thread(worker.wsgi)
