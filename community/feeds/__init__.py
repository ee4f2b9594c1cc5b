"""Atom feeds of what a condition's and a question's readers may follow."""
