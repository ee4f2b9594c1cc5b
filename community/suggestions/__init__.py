"""Questions members suggest for a condition."""
