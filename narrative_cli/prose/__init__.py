"""The prose layer: what a scene's body says, with line numbers.

`ProseIndex(project).scene(scene)` gives paragraphs, quotes with their
speakers, canon-name mentions and tense/person estimates. Checks, voice,
impact and briefs all read prose through here, never through raw text.
"""

from __future__ import annotations

from narrative_cli.prose.analysis import ProseIndex, SceneProse

__all__ = ["ProseIndex", "SceneProse"]
