"""The authorization matrix: a world of two municipalities, the roles in it and the rules."""
