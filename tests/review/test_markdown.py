"""Markdown for pull request comments: prose cannot break the comment's formatting."""

from __future__ import annotations

from narrative_cli.review import markdown
from narrative_cli.review.model import SceneDiff, StoryDiff
from narrative_cli.review.textdiff import diff_text


def test_prose_is_escaped_and_changes_marked():
    scene = SceneDiff("changed", "manuscript/01-a/01-b.md", "manuscript/01-a/01-b.md", "B",
                      text=diff_text("The *Marisol* sailed | north.", "The *Marisol* sailed | south."))
    md = markdown.render_markdown(StoryDiff("HEAD", None, "working tree", None, scenes=[scene]))
    assert "  - ✏️ The \\*Marisol\\* sailed \\| ~~north~~ **south**." in md


def test_code_spans_survive_backticks():
    assert markdown.code("a`b") == "``a`b``"
    assert markdown.code("`x`") == "`` `x` ``"
    assert markdown.value(None) == "*(none)*"


def test_long_comments_are_cut_to_fit(monkeypatch):
    monkeypatch.setattr(markdown, "MAX_CHARS", 300)
    scenes = [SceneDiff("added", None, f"manuscript/01-a/{i:02d}-s.md", f"Scene {i}", text=diff_text("", "Words."))
              for i in range(20)]
    md = markdown.render_markdown(StoryDiff("A", None, "B", None, scenes=scenes))
    assert len(md) < 400
    assert md.endswith("*… cut to fit a comment; run `narrative diff` for the whole diff.*\n")
