"""`narrative check`, `impact`, `voice` and `brief`: the story commands (all read-only)."""


from pathlib import Path
from typing import Annotated, List, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, PathArg, ProjectOpt

voice_app = typer.Typer(help="Character voice fingerprints from attributed dialogue.", no_args_is_help=False,
                        invoke_without_command=True)


def check(
    path: PathArg = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    list_rules: Annotated[bool, typer.Option("--list", help="List the rules and exit.")] = False,
    rule: Annotated[Optional[List[str]], typer.Option("--rule", "-r", help="Run only this rule (code or name); repeatable or comma-separated.")] = None,
) -> int:
    """Check continuity and craft: validation first, then the story rules (S101...).

    Each finding names the file:line of both sides of a contradiction. Turn rules
    off or change their severity in narrative.yaml `check:` or a scene card's `check:`.
    Exit 0 when clean, 1 when errors were found (or warnings with --strict), 2 when it could not run.
    """
    from narrative_cli.cli.render import print_diagnostics, print_json, summary_line

    if list_rules:
        return _list_rules(fmt)
    from narrative_cli.checks.story import check as run_check
    from narrative_cli.cli.common import project_root
    from narrative_cli.diagnostics import has_errors, report_json
    from narrative_cli.store.project import load_project

    root = project_root(project, path)
    diags = run_check(load_project(root), rule)
    failed = has_errors(diags, strict)
    if fmt is OutputFormat.json:
        print_json(report_json(diags, project=str(root), ok=not failed))
    else:
        print_diagnostics(diags)
        print(summary_line(diags))
    return 1 if failed else 0


def _list_rules(fmt: OutputFormat) -> int:
    from narrative_cli.checks.story.registry import RULES
    from narrative_cli.cli.render import print_json

    rows = [{"code": r.code, "name": r.name, "severity": r.severity.value, "family": r.family,
             "summary": r.summary} for r in RULES]
    if fmt is OutputFormat.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['code']}  {r['name']:<26} {r['severity']:<8} {r['summary']}")
    return 0


def impact(
    ref: Annotated[str, typer.Argument(help="The entity: id or kind/id.")],
    set_: Annotated[Optional[List[str]], typer.Option("--set", help="Simulate field=value (repeatable), e.g. status=dead.")] = None,
    at: Annotated[Optional[str], typer.Option("--at", help="The scene (CC-SS) where the change happens; default: from the start.")] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Everything that depends on an entity; with --set, what the change would contradict.

    Nothing is written: the change is applied to an in-memory copy and checked with
    the same rules as `narrative check`; only the findings it adds are listed.
    Exit 1 when the simulated change would add errors.
    """
    from narrative_cli.cli.common import open_project
    from narrative_cli.cli.render import print_json
    from narrative_cli.impact import impact as run_impact

    report = run_impact(open_project(project), ref, set_, at)
    if fmt is OutputFormat.json:
        print_json(report)
    else:
        _print_impact(report)
    new = report.get("simulation", {}).get("new_findings", [])
    return 1 if any(d["severity"] == "error" for d in new) else 0


def _print_impact(report: dict) -> None:
    print(f"{report['name']} ({report['ref']}, {report['path']})")
    print(f"scenes ({len(report['scenes'])}):")
    for s in report["scenes"]:
        print(f"  {s['scene']}  {s['path']}:{s['line']}  {', '.join(s['how'])}")
    print(f"referenced by ({len(report['referenced_by'])}): {', '.join(report['referenced_by']) or '-'}")
    print(f"changed by events: {', '.join(report['changed_by']) or '-'}")
    sim = report.get("simulation")
    if sim is None:
        return
    change = ", ".join(f"{k}={v}" for k, v in sim["set"].items())
    new = sim["new_findings"]
    print(f"if {change}{' at ' + sim['at'] if sim['at'] else ''}: {len(new)} new finding{'s' * (len(new) != 1)}")
    for d in new:
        print(f"  {d['path']}:{d['line']}:{d['column']}: {d['severity']} {d['code']}: {d['message']}")
        for r in d["related"]:
            print(f"    see: {r['path']}:{r['line']}:{r['column']}")


@voice_app.callback()
def voice(
    ctx: typer.Context,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Each character's voice: distinctive traits, who sounds alike, passages unlike their speaker.

    Built from attributed dialogue (`said Elena`, aliases, pronouns when unambiguous,
    the POV in first-person scenes) and compared by Cosine Delta over z-scores.
    """
    if ctx.invoked_subcommand is not None:
        return 0
    from narrative_cli.cli.common import open_project
    from narrative_cli.cli.render import print_json
    from narrative_cli.voice.report import voices

    report = voices(open_project(project))
    if fmt is OutputFormat.json:
        print_json(report)
    else:
        _print_voices(report)
    return 0


def _print_voices(report: dict) -> None:
    if report.get("note"):
        print(report["note"])
    for c in report["characters"]:
        print(f"{c['name']} ({c['character']}): {c['words']} words in {c['scenes']} scene(s)")
        for trait in c["traits"]:
            print(f"  - {trait}")
    if report["similar"] and len(report["characters"]) < 3:
        # two voices scored against each other are mirror images (cosine -1.00 whatever they say)
        print("most alike: not enough text to compare voices yet (it takes three characters with enough dialogue)")
    elif report["similar"]:
        print("most alike:")
        for p in report["similar"][:3]:
            print(f"  {p['a']} ~ {p['b']}: similarity {p['similarity']:+.2f}")
    if report["unlike"]:
        print("passages unlike their speaker:")
        for u in report["unlike"]:
            print(f"  {u['path']}:{u['line']}: {u['character']} ({u['words']} words) sounds like {u['sounds_like']}"
                  f" ({u['score']:+.2f} vs own {u['own_score']:+.2f})")


@voice_app.command("whois")
def whois(
    source: Annotated[str, typer.Argument(help="A text file, or - for standard input.")],
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Rank characters by how much a passage sounds like them (best first)."""
    import sys

    from narrative_cli.cli.common import open_project
    from narrative_cli.cli.render import print_json
    from narrative_cli.errors import UsageError
    from narrative_cli.voice.report import whois as rank

    loaded = open_project(project)
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: a NUL in the path
        raise UsageError(f"cannot read {source}: {exc}") from None
    ranked = rank(loaded, text)
    if fmt is OutputFormat.json:
        print_json(ranked)
    else:
        for i, r in enumerate(ranked, 1):
            print(f"{i}. {r['name']} ({r['character']})  score {r['score']:+.3f}  delta {r['delta']:.3f}")
    return 0


def brief(
    scene: Annotated[str, typer.Argument(help="The scene: CC-SS (03-02) or its path.")],
    project: ProjectOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or json.")] = "markdown",
) -> int:
    """Everything needed to draft or revise a scene, as Markdown (default) or JSON. Read-only.

    The card, the canon of its cast and location, the scenes before and after,
    the events so far, each speaker's voice and the scene's open findings.
    """
    from narrative_cli.brief import brief as build, to_markdown
    from narrative_cli.cli.common import open_project
    from narrative_cli.cli.render import print_json
    from narrative_cli.errors import UsageError

    if fmt not in ("markdown", "md", "json"):
        raise UsageError(f"unknown format '{fmt}'", hint="use --format markdown or --format json")
    data = build(open_project(project), scene)
    if fmt == "json":
        print_json(data)
    else:
        print(to_markdown(data), end="")
    return 0


def register(app: typer.Typer) -> None:
    app.command()(brief)
    app.command()(check)
    app.command()(impact)
    app.add_typer(voice_app, name="voice")
