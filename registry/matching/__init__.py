"""Explainable matching of mentees and mentors: scores with reasons, and a whole-base proposal."""
