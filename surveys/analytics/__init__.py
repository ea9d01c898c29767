"""Survey analytics: per-question summaries, monitoring stages 1 and 2, satisfaction, charts."""
