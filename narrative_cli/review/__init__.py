"""Review: story-aware diffs between revisions, git diff driver, hooks and CI templates."""
