"""`narrative site`: every internal link resolves, hostile text stays text, builds are reproducible,
the output folder is never someone else's."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import EXAMPLE, GIT_ENV

HOSTILE_NAME = '<script>alert("name")</script> O\'Hara & "Co"'
HOSTILE_CHARACTER = """name: "<script>alert(\\"name\\")</script> O'Hara & \\"Co\\""
aliases: ["javascript:alert(1)", "Hostile"]
summary: "<img src=x onerror=alert(2)> \\e[31m red"
relationships:
  - to: elena-voss
    kind: '<b>rival</b>'
    note: 'javascript:alert(3)'
custom:
  link: 'javascript:alert(4)'
"""
HOSTILE_PROSE = ("\n\nHostile walked in. <script>alert('prose')</script> and [a link](javascript:alert(5)) "
                 "and <b onmouseover=alert(6)>bold</b>.\n")


def _commit(root: Path) -> None:
    env = {**GIT_ENV, "PATH": "/usr/bin:/bin", "HOME": str(root)}
    for args in (["init", "-q", "--initial-branch=main"], ["add", "-A"], ["commit", "-q", "-m", "Initial import"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def hostile_project(root: Path) -> Path:
    shutil.copytree(EXAMPLE, root)
    (root / "canon/characters/hostile.yaml").write_text(HOSTILE_CHARACTER, encoding="utf-8")
    scene = root / "manuscript/01-arrival/01-dockside.md"
    scene.write_text(scene.read_text(encoding="utf-8") + HOSTILE_PROSE, encoding="utf-8")
    _commit(root)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from narrative_cli.site.build import build_site

    root = hostile_project(tmp_path_factory.mktemp("p") / "book")
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(root, out)
    return root, out


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_resolves(built):
    _root, out = built
    pages = sorted(out.rglob("*.html"))
    parsed = {p: parse(p) for p in pages}
    checked = 0
    for page, found in parsed.items():
        for link in found.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page}: external or scripted link {link!r}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(out)}: {link} does not resolve"
            assert target.is_relative_to(out)
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parsed[target].ids, f"{page.relative_to(out)}: no #{parts.fragment} in {target.name}"
            checked += 1
    assert len(pages) >= 29 and checked > 500


def test_hostile_text_is_escaped_everywhere(built):
    _root, out = built
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
        assert "<img src=x" not in text, page
        assert "<b>rival" not in text and "<b onmouseover" not in text, page
        assert not re.search(r'(href|src)="javascript:', text, re.I), page
        assert "\x1b" not in text, page
    entity = (out / "canon/characters/hostile.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt; O&#39;Hara &amp; &#34;Co&#34;" in entity
    assert "javascript:alert(3)" in entity  # shown as a note, never a link
    index = (out / "assets/search-index.js").read_text(encoding="utf-8")
    assert "<" not in index and "\\u003cscript>alert" in index


def test_entity_page_lists_fields_links_appearances_and_history(built):
    _root, out = built
    page = (out / "canon/characters/elena-voss.html").read_text(encoding="utf-8")
    assert 'href="../../canon/characters/ines-marrow.html">Ines Marrow</a>' in page
    assert 'href="../../book/chapter-01.html#s-01-01">01-01 Dockside</a> <span class="roles">POV, participant, named</span>' in page
    assert "Initial import" in page and "protagonist" in page
    reyes = (out / "canon/characters/captain-reyes.html").read_text(encoding="utf-8")
    assert "participant" in reyes


def test_build_is_reproducible_and_writes_only_changes(built, tmp_path):
    from narrative_cli.site.build import build_site

    root, out = built
    again = build_site(root, out)
    assert again.written == [] and again.removed == []
    copy = tmp_path / "copy"
    build_site(root, copy)
    for path in out.rglob("*"):
        if path.is_file():
            assert (copy / path.relative_to(out)).read_bytes() == path.read_bytes(), path


def test_a_folder_of_other_files_is_refused(built, tmp_path, cli):
    root, _out = built
    other = tmp_path / "mine"
    other.mkdir()
    (other / "thesis.txt").write_text("keep me")
    result = cli("site", str(root), "-o", str(other))
    assert result.exit_code == 2
    assert "the folder holds files narrative did not write; nothing was written" in result.stderr
    assert [p.name for p in other.iterdir()] == ["thesis.txt"]
    result = cli("site", str(root), "-o", str(root))
    assert result.exit_code == 2 and "cannot be written over the project" in result.stderr


def test_cli_json_report(built, tmp_path, cli):
    root, _out = built
    result = cli("site", str(root), "-o", str(tmp_path / "s"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"pages": 30' in result.stdout
