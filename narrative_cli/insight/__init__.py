"""Insight: what the manuscript itself says, beyond what the canon declares.

`suggest` finds names the canon is missing, `search` finds passages, `stats`
counts words, presence and value turns. All read the loaded Project; none
re-parses YAML.
"""
