"""The relationship map: characters and factions as nodes, canon relationships (and faction
leaders and members) as edges, laid out at build time so the SVG reads without JavaScript.

Fruchterman-Reingold from a fixed start on a circle: the same canon gives the same drawing. Its
grid variant for a large cast: nodes repel only within 2k of each other, found through a grid of 2k
cells, so a step costs about n, not n² (a cast of 580 took 1.2 s, 2,000 would take 14 s); a small
cast keeps every pair, which spreads it better.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

KINDS = ("characters", "factions")
SIZE = 900.0
GRID_FROM = 200  # nodes


@dataclass
class Edge:
    a: str
    b: str
    label: str


def graph(data) -> tuple[list[str], list[Edge]]:
    nodes = sorted(ref for ref, e in data.entities.items() if e.kind in KINDS)
    inside = set(nodes)
    pairs: dict[tuple[str, str], list[str]] = {}  # A->B and B->A are one line with both labels
    for ref in nodes:
        for label, target, _note in data.entities[ref].links:
            if target in inside and target != ref:
                labels = pairs.setdefault((ref, target) if (target, ref) not in pairs else (target, ref), [])
                if label not in labels:
                    labels.append(label)
    return nodes, [Edge(a, b, " / ".join(labels)) for (a, b), labels in pairs.items()]


def layout(nodes: list[str], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    n = len(nodes)
    if not n:
        return {}
    pos = {r: [SIZE / 2 + SIZE / 3 * math.cos(2 * math.pi * i / n), SIZE / 2 + SIZE / 3 * math.sin(2 * math.pi * i / n)]
           for i, r in enumerate(nodes)}
    k = 0.8 * math.sqrt(SIZE * SIZE / n)
    steps = max(30, min(200, 60000 // max(1, n * n)))
    heat = SIZE / 10
    pairs = [(e.a, e.b) for e in edges]
    for _ in range(steps):
        move = {r: [0.0, 0.0] for r in nodes}
        for a, b in _near_pairs(nodes, pos, 2 * k if n > GRID_FROM else math.inf):
            pa, pb = pos[a], pos[b]
            dx, dy = pa[0] - pb[0], pa[1] - pb[1]
            d2 = dx * dx + dy * dy or 0.01
            f = k * k / d2
            move[a][0] += dx * f
            move[a][1] += dy * f
            move[b][0] -= dx * f
            move[b][1] -= dy * f
        for a, b in pairs:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = math.hypot(dx, dy) or 0.01
            f = d / k
            move[a][0] -= dx * f
            move[a][1] -= dy * f
            move[b][0] += dx * f
            move[b][1] += dy * f
        for r in nodes:
            dx, dy = move[r]
            d = math.hypot(dx, dy) or 0.01
            step = min(d, heat)
            pos[r][0] += dx / d * step
            pos[r][1] += dy / d * step
        heat *= 0.96
    return _fit(pos)


def _near_pairs(nodes: list[str], pos: dict, reach: float):
    """Each pair of nodes closer than `reach`, once, in a fixed order (the drawing is reproducible)."""
    cells: dict[tuple[int, int], list[str]] = {}
    for r in nodes:
        cells.setdefault((math.floor(pos[r][0] / reach), math.floor(pos[r][1] / reach)), []).append(r)
    limit = reach * reach
    for (cx, cy), here in cells.items():
        for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):  # each neighbouring cell once
            there = here if (dx, dy) == (0, 0) else cells.get((cx + dx, cy + dy), ())
            for i, a in enumerate(here):
                pa = pos[a]
                for b in (here[i + 1:] if there is here else there):
                    pb = pos[b]
                    if (pa[0] - pb[0]) ** 2 + (pa[1] - pb[1]) ** 2 < limit:
                        yield a, b


def _fit(pos: dict) -> dict[str, tuple[float, float]]:
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    w, h = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    margin = 90
    scale = min((SIZE - 2 * margin) / w, (SIZE - 2 * margin) / h)
    return {r: (round(margin + (p[0] - min(xs)) * scale, 1), round(margin + (p[1] - min(ys)) * scale, 1))
            for r, p in pos.items()}
