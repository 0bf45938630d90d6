"""The outline of each article for people: a tree of its sections with their fact counts."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from ..model import FactBase, Section
from .human import DIM_STYLE, _label, _section_title, _t, _wrapped

__all__ = ["sections_tree"]


def sections_tree(
    console: Console,
    base: FactBase,
    counts: Mapping[tuple[str, str], tuple[int, int]],
    lang: str,
) -> None:
    """The outline of each article as a tree under its title, each section with its
    fact counts (own, total); ``counts`` is keyed by (source, section id)."""
    sources = [s.id for s in base.sources]
    sources += [s.source for s in base.sections if s.source not in sources]
    for position, source in enumerate(dict.fromkeys(sources)):
        if position:
            console.print()
        _outline(console, base, source, counts, lang)


def _outline(
    console: Console,
    base: FactBase,
    source_id: str,
    counts: Mapping[tuple[str, str], tuple[int, int]],
    lang: str,
) -> None:
    sections = [s for s in base.sections if s.source == source_id]
    known = {s.id for s in sections}
    children: dict[str | None, list[Section]] = {}
    for section in sections:
        parent = section.parent if section.parent in known else None
        children.setdefault(parent, []).append(section)

    root_title = _label("outline", lang)
    source = base.source_by_id.get(source_id)
    if source is not None:
        root_title = (source.title if lang == "zh" else source.title_en) or root_title
    tree = Tree(_t(root_title, "bold"), highlight=False)

    seen: set[str] = set()

    # Each level of the tree is indented by four cells of guide lines.
    def label(section: Section, depth: int) -> Text:
        own, total = counts.get((section.source, section.id), (0, 0))
        if lang == "zh":
            count = f"{total} 条" if own == total else f"本节 {own} 条，合计 {total} 条"
        else:
            noun = "fact" if total == 1 else "facts"
            count = f"{total} {noun}" if own == total else f"{own} own, {total} in all"
        text = Text.assemble(
            _t(section.id, "bold"),
            " ",
            _t(_section_title(section, lang)),
            "  ",
            Text(f"({count})", style=DIM_STYLE),
        )
        return _wrapped(text, console.width - 4 * depth)

    def add(node: Tree, parent: str | None, depth: int) -> None:
        for section in children.get(parent, []):
            if section.id in seen:
                continue
            seen.add(section.id)
            add(node.add(label(section, depth)), section.id, depth + 1)

    add(tree, None, 1)
    # Sections caught in a parent cycle are never reached from a root; show them flat.
    for section in sections:
        if section.id not in seen:
            seen.add(section.id)
            tree.add(label(section, 1))
    console.print(tree)
