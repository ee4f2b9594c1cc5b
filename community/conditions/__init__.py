"""Conditions and their questions: the pages a visitor reads."""
