"""What an import made and what it left out, for people (text) and machines (JSON)."""

from __future__ import annotations

from collections import Counter

from narrative_cli.importers.plan import ImportPlan
from narrative_cli.wordcount import count_words


def summary(plan: ImportPlan, outcome=None, dry_run: bool = False) -> dict:
    from narrative_cli.importers.writer import _prose

    chapters = []
    for number, chapter in enumerate(plan.chapters, 1):
        chapters.append({"number": number, "title": chapter.title, "part": chapter.part,
                         "scenes": len(chapter.scenes), "status": chapter.status,
                         "words": sum(count_words(_prose(s.body)) for s in chapter.scenes)})
    canon = Counter(item.kind for item in plan.canon)
    return {
        "source": plan.source, "kind": plan.kind, "dry_run": dry_run,
        "project": str(outcome.root) if outcome and outcome.root else None,
        "commit": outcome.commit if outcome else None,
        "title": plan.title, "author": plan.author,
        "chapters": chapters, "scene_count": sum(c["scenes"] for c in chapters),
        "words": sum(c["words"] for c in chapters),
        "canon": dict(sorted(canon.items())),
        "canon_kept_existing": outcome.skipped_canon if outcome else [],
        "dropped": dict(sorted(plan.dropped.items())),
        "skipped": plan.skipped, "notes": plan.notes,
    }


def text_lines(report: dict) -> list[str]:
    head = "Would import" if report["dry_run"] else "Imported"
    lines = [f"{head} {report['kind']} {report['source']}: {report['title'] or 'untitled'}"
             + (f" by {report['author']}" if report["author"] else "")]
    for chapter in report["chapters"]:
        part = f"[{chapter['part']}] " if chapter["part"] else ""
        lines.append(f"  {chapter['number']:>3}. {part}{chapter['title'] or '(untitled)'}: "
                     f"{chapter['scenes']} scene(s), {chapter['words']:,} words")
    lines.append(f"{len(report['chapters'])} chapter(s), {report['scene_count']} scene(s), {report['words']:,} words")
    if report["canon"]:
        lines.append("canon: " + ", ".join(f"{n} {kind}" for kind, n in report["canon"].items()))
    for ref in report["canon_kept_existing"]:
        lines.append(f"kept the project's own {ref} (not overwritten)")
    if report["dropped"]:
        lines.append("dropped: " + ", ".join(f"{n} {what}" for what, n in report["dropped"].items()))
    for item in report["skipped"]:
        lines.append(f"skipped: {item}")
    lines += report["notes"]
    if report["project"]:
        lines.append(f"project: {report['project']}" + (f" (commit {report['commit'][:10]})" if report["commit"] else ""))
    return lines
