"""The version of each part of the site that visitors see, moved by every change to it."""

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db


class PageVersion(db.Model):
    """One scope ("site", "directory", "condition:3", "question:17") and its version.

    A row is created by the first change to its scope; until then the version is 0. Each
    change gives it a new random version (see community/page_versions.py: bump).
    See community/page_versions.py for what moves which scope.
    """

    __tablename__ = "page_versions"

    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
