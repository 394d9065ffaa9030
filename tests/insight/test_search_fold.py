"""Search folds case and accents by default (--exact matches as typed), centres snippets on the
match, and a reader closing the pipe early is no error. On the public-domain novels in ../shared/corpus."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from narrative_cli.fold import fold
from tests.conftest import REPO, make_repo
from tests.insight.conftest import write_project

CORPUS = REPO.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "two-cities").is_dir(), reason="the shared corpus is not here")


@pytest.fixture
def novel(tmp_path):
    def copy(name: str) -> Path:
        root = tmp_path / name
        shutil.copytree(CORPUS / name, root)
        (root / ".gitignore").write_text(".narrative/\n")
        return make_repo(root)

    return copy


def search(cli, root, *args) -> dict:
    result = cli("search", *args, "-f", "json", cwd=root)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def paragraphs_matching(root: Path, pattern: str) -> int:
    """An independent count: blank-line separated paragraphs of the scene bodies that match."""
    found = 0
    for path in (root / "manuscript").glob("*/*.md"):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        found += sum(1 for para in re.split(r"\n\s*\n", body) if re.search(pattern, para))
    return found


def test_fold_keeps_length_and_drops_case_and_accents():
    assert fold("Élodie Évrémonde") == "elodie evremonde"
    assert fold("CALÈCHE zoöphagous façade") == "caleche zoophagous facade"
    for text in ("Straße", "İstanbul", "ﬁne", "Ǆemal", "Ångström"):
        assert len(fold(text)) == len(text)


@needs_corpus
def test_accents_are_folded_on_a_tale_of_two_cities(novel, cli):
    root = novel("two-cities")
    folded = search(cli, root, "evremonde", "-n", "500")
    expected = paragraphs_matching(root, r"(?i)evr[eé]monde")
    assert expected > 30
    assert folded["total"] == expected
    assert all("Evrémonde" in hit["context"][s:e] for hit in folded["results"] for s, e in hit["spans"])
    assert search(cli, root, "EVRÉMONDE", "-n", "500")["total"] == expected
    assert search(cli, root, "Evrémonde", "--exact", "-n", "500")["total"] == paragraphs_matching(root, "Evrémonde")
    none = cli("search", "evremonde", "--exact", cwd=root)
    assert (none.exit_code, none.stdout, none.stderr) == (1, "", "no matches\n")


@needs_corpus
def test_accents_are_folded_on_dracula(novel, cli):
    root = novel("dracula")
    found = search(cli, root, "caleche", "-n", "50")
    assert found["total"] == paragraphs_matching(root, "(?i)calèche") > 0
    assert {hit["context"][s:e] for hit in found["results"] for s, e in hit["spans"]} <= {"calèche", "Calèche"}
    phrase = search(cli, root, "zoophagous patient", "--phrase")
    assert all("zoöphagous" in hit["context"].lower() for hit in phrase["results"])


def test_snippet_is_centred_on_the_match(tmp_path, cli):
    filler = " ".join(f"word{i}" for i in range(60))
    root = write_project(tmp_path / "long", scenes={"01-a/01-b.md": ("title: B\n", f"{filler} Élodie {filler}\n")})
    hit = search(cli, root, "elodie")["results"][0]
    start, end = hit["spans"][0]
    assert hit["context"][start:end] == "Élodie"
    middle = (start + end) / 2 / len(hit["context"])
    assert 0.4 < middle < 0.6
    assert 140 <= len(hit["context"]) <= 170


def test_snippet_holds_both_words_when_they_fit(tmp_path, cli):
    filler = " ".join(f"word{i}" for i in range(40))
    body = f"{filler} Natásha met the old woman {filler} Pierre\n"
    root = write_project(tmp_path / "two", scenes={"01-a/01-b.md": ("title: B\n", body)})
    hit = search(cli, root, "natasha woman")["results"][0]
    words = {hit["context"][s:e] for s, e in hit["spans"]}
    assert words == {"Natásha", "woman"}


@needs_corpus
def test_a_closed_pipe_is_not_an_error(novel, narrative_bin):
    root = novel("two-cities")
    proc = subprocess.Popen(["narrative", "search", "the", "-n", "5000"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"manuscript/")
    proc.stdout.close()  # what `| head -1` does
    stderr = proc.stderr.read()
    assert proc.wait() == 0
    assert stderr == b""
