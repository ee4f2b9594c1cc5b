"""Appeals: an author asks, once per decision, that another moderator look again."""
