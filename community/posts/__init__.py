"""Experiences and replies: writing them, moving them through their states, threading them."""
