"""Administration: the settings and lists admins keep for the rest of the site."""
