"""`narrative voice` with only two voices: no meaningless similarity of -1.00, a plain sentence instead."""

from __future__ import annotations

from tests.story.test_voice_brief import _cast


def test_two_voices_are_not_scored_against_each_other(tmp_path, cli):
    result = cli("voice", cwd=_cast(tmp_path, lines=2))
    assert result.exit_code == 0
    assert "-1.00" not in result.stdout
    assert ("most alike: not enough text to compare voices yet (it takes three characters with enough dialogue)"
            in result.stdout.splitlines())
