"""Site-wide pages: health check, robots.txt and error pages."""
