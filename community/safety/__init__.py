"""Safety: watched words and crisis phrases in members' writing, and the community guidelines."""
