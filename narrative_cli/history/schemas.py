"""R12 for one blob: which governed files are YAML, and the schema each must pass.

Reuses the project's own loader (store.yamlio.load_yaml refuses anchors,
aliases, tags, duplicate keys and deep nesting) and the pydantic models, so
`verify` and `validate` agree on what a valid file is.
"""

from __future__ import annotations

from pydantic import BaseModel


def model_for(path: str) -> tuple[type[BaseModel] | None, bool]:
    """(schema, is_front_matter) for a governed path; (None, False) when the file is not governed YAML."""
    from narrative_cli.model.canon import KIND_MODELS
    from narrative_cli.model.project import ProjectConfig
    from narrative_cli.model.scene import ChapterCard, SceneCard

    parts = path.split("/")
    if path == "narrative.yaml":
        return ProjectConfig, False
    if len(parts) == 3 and parts[0] == "canon" and parts[2].endswith(".yaml"):
        return KIND_MODELS.get(parts[1]), False
    if len(parts) == 3 and parts[0] == "manuscript":
        if parts[2] == "chapter.yaml":
            return ChapterCard, False
        if parts[2].endswith(".md"):
            return SceneCard, True
    return None, False


def is_governed_text(path: str) -> bool:
    return path == "manifest.yaml" or model_for(path)[0] is not None


def problems_for(path: str, content: bytes) -> list[str]:
    from pydantic import ValidationError

    from narrative_cli.store.files import split_front_matter
    from narrative_cli.store.yamlio import load_yaml

    model, front = model_for(path)
    if model is None:
        return []
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return ["not UTF-8 text"]
    if front:
        fm, _ = split_front_matter(text, path)
        if fm is None or fm.yaml_text is None:
            return []
        text = fm.yaml_text
    loaded = load_yaml(text, path)
    if not loaded.ok:
        return [d.message for d in loaded.diagnostics if d.is_error]
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        return ["schema: the file must be a mapping of keys to values"]
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [f"schema: {'.'.join(map(str, e['loc'])) or '(file)'}: {e['msg']}" for e in exc.errors()[:3]]
    return []
