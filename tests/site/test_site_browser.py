"""The built site in a real browser, from file://: navigation, timeline, map, search, hostile text."""

from __future__ import annotations

import pytest

from tests.site.browser import browser
from tests.site.test_site_build import built  # noqa: F401 (the module's built site)


@pytest.fixture(scope="module")
def page(built):  # noqa: F811
    _root, out = built
    with browser() as chromium:
        tab = chromium.new_page()
        dialogs = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.dialogs = dialogs
        tab.out = out
        yield tab


def test_home_to_a_character_to_a_scene_and_back(page):
    page.goto(f"file://{page.out}/index.html")
    assert page.title() == "Home · The Salt Road"
    assert page.locator("#words").inner_text() != "0"
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Canon").click()
    page.get_by_role("link", name="Elena Voss", exact=True).click()
    assert page.locator("h1").inner_text() == "Elena Voss"
    page.get_by_role("link", name="01-02 The customs house").first.click()
    assert page.url.endswith("book/chapter-01.html#s-01-02")
    assert page.locator("#s-01-02 .prose p").first.is_visible()
    assert not page.locator("#s-01-02 .card").is_visible()
    page.get_by_text("Show scene cards").click()
    assert page.locator("#s-01-02 .card").is_visible()
    page.go_back()
    assert page.locator("h1").inner_text() == "Elena Voss"


def test_timeline_shows_every_dated_scene(page, built):  # noqa: F811
    from narrative_cli.store.project import load_project

    root, _out = built
    dated = [s for s in load_project(root).all_scenes() if s.card.when]
    page.goto(f"file://{page.out}/timeline.html")
    shown = page.locator("#dated li").all_inner_texts()
    assert len(dated) >= 8
    for scene in dated:
        assert any(f"{scene.ref} {scene.title}" in line and line.startswith(str(scene.card.when)) for line in shown), scene.ref
    assert page.locator("#dated li.flashback").count() == sum(bool(s.card.flashback) for s in dated)


def test_map_shows_every_relationship(page, built):  # noqa: F811
    from narrative_cli.store.project import load_project

    root, _out = built
    project = load_project(root)
    page.goto(f"file://{page.out}/map.html")
    edges = {(e.get_attribute("data-from"), e.get_attribute("data-to")) for e in page.locator("#map g.edge").all()}
    expected = 0
    for record in project.all_entities():
        if record.kind not in ("characters", "factions"):
            continue
        for rel in record.model.relationships:
            target = rel.to if "/" in rel.to else f"characters/{rel.to}"
            if target.split("/")[0] in ("characters", "factions") and target in {r.ref for r in project.all_entities()}:
                expected += 1
                assert (record.ref, target) in edges or (target, record.ref) in edges, (record.ref, target)
    assert expected >= 8
    assert page.locator("#map").is_visible()
    assert page.locator("#map a").count() == sum(r.kind in ("characters", "factions") for r in project.all_entities())


def test_search_finds_a_name_with_or_without_accents(page):
    page.goto(f"file://{page.out}/search.html")
    page.fill("#q", "anna hollis")  # an alias
    assert page.locator("#results li a").first.inner_text() == "Elena Voss"
    page.fill("#q", "ÉLÉNA")
    assert "Elena Voss" in page.locator("#results").inner_text()
    page.locator("#results li a").first.click()
    assert page.url.endswith("canon/characters/elena-voss.html")


def test_hostile_text_renders_as_text(page):
    page.goto(f"file://{page.out}/canon/characters/hostile.html")
    assert page.locator("h1").inner_text() == '<script>alert("name")</script> O\'Hara & "Co"'
    page.goto(f"file://{page.out}/book/chapter-01.html")
    prose = page.locator("#s-01-01").inner_text()  # as the EPUB prints it: typographic quotes, inline HTML dropped
    assert "<script>alert(‘prose’)</script> and [a link](javascript:alert(5)) and bold." in prose
    assert page.locator("#s-01-01 .prose script, #s-01-01 .prose b, #s-01-01 .prose a").count() == 0
    page.goto(f"file://{page.out}/search.html")
    page.fill("#q", "hostile")
    assert "<img src=x" in page.locator("#results").inner_text()
    assert page.locator("#results img").count() == 0
    assert page.dialogs == []


def test_keyboard_and_landmarks(page):
    page.goto(f"file://{page.out}/map.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for role in ("banner", "navigation", "main", "contentinfo"):
        assert page.get_by_role(role).count() >= 1, role
    assert page.locator("h1").count() == 1
    names = page.eval_on_selector_all("#map a", "els => els.map(e => e.textContent.trim())")
    assert len(names) >= 8
    for _ in range(len(names) + 20):  # every node of the map is reached with Tab
        page.keyboard.press("Tab")
        names = [n for n in names if n != page.evaluate("document.activeElement.textContent").strip()]
    assert names == []
    page.goto(f"file://{page.out}/book/chapter-01.html")
    page.focus("#show-cards")
    page.keyboard.press("Space")
    assert page.locator("#s-01-01 .card").is_visible()
