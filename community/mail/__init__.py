"""Mail: an outbox written in the caller's transaction, and delivery that never loses one.

``queue_mail`` renders a message from ``templates/mail/`` and stores it; delivery
(``community.mail.delivery``) sends what is due, by SMTP when ``MAIL_SERVER`` is set and
as ``.eml`` files under ``instance/mail/`` otherwise.
"""
