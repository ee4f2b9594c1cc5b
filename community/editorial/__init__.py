"""Editorial work: questions and their medically reviewed summaries."""
