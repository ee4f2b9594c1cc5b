"""Demo content for seed-demo."""
