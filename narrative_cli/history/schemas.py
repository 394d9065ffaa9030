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
    """Every R12 problem of one blob. A fast libyaml pass may only *accept* a file; anything it
    doubts is judged by the project's own loader, so verify and validate never disagree."""
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
    if _fast_accepts(model, text):
        return []
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


def _fast_accepts(model: type[BaseModel], text: str) -> bool:
    """True only when libyaml parses `text` with no anchors, aliases, tags, duplicate keys or deep
    nesting and the result passes the schema (4x faster than the round-trip-capable loader)."""
    loader = _fast_loader()
    if loader is None or "&" in text or "*" in text or "!" in text:
        return False
    from narrative_cli.store.yamlio import _depth_exceeded

    try:
        data = loader(text)
        if not isinstance(data, dict) or _depth_exceeded(data):
            return False
        model.model_validate(data)
    except Exception:  # any doubt: let the authoritative loader decide
        return False
    return True


_LOADER: list = []


def _fast_loader():
    if not _LOADER:
        _LOADER.append(_make_loader())
    return _LOADER[0]


def _make_loader():
    try:
        import yaml
        from yaml import CSafeLoader
    except ImportError:
        return None

    class NoDuplicates(CSafeLoader):
        def construct_mapping(self, node, deep=False):
            keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
            if len(keys) != len(set(map(repr, keys))):
                raise ValueError("duplicate key")
            return super().construct_mapping(node, deep=deep)

    return lambda text: yaml.load(text, Loader=NoDuplicates)  # noqa: S506  (a safe loader subclass)
