"""Line breaking and column widths for terminal tables (standard library only).

rich wraps only at spaces and folds anywhere else, so it splits ``2.5万`` after the
point and starts lines with ``，``. Here text is cut into units that may not be
split: an ASCII word (an id breaks after its hyphens), a number with the 万, 亿,
余 or % written with it, or one Chinese character with the punctuation that must
stay beside it (no line starts with 、，。 or another closing mark, none ends with
an opening one). Lines break between units only; a unit wider than a whole line
is the one thing folded.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Never at the start of a line (closing marks, pauses, stops) ...
CLOSING = frozenset("、，。．,.;；:：!！?？)）]］}｝」』】》〉”’〕〗〙〛…·%％‰℃")
# ... nor at the end of one (opening marks).
OPENING = frozenset("(（[［{｛「『【《〈“‘〔〖〘〚")
# Written with a number and kept with it: 2.5万, 450余, 80%.
NUMBER_TAIL = frozenset("万亿余多%％‰")


def char_width(char: str) -> int:
    """Terminal cells of one character: 2 for wide East Asian ones, 0 for combining."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_len(text: str) -> int:
    return sum(char_width(char) for char in text)


def _is_word_char(char: str) -> bool:
    """Part of an ASCII-like word (letters, digits, their punctuation): narrow, not a space."""
    return not char.isspace() and char_width(char) == 1 and char not in OPENING


@dataclass
class _Unit:
    start: int
    end: int
    space: bool = False


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    glue_next = False  # after an opening mark
    for i, char in enumerate(text):
        last = units[-1] if units else None
        if char.isspace():
            units.append(_Unit(i, i + 1, space=True))
            glue_next = False
            continue
        previous = text[i - 1] if i else ""
        attach = last is not None and not last.space and last.end == i
        if attach and not glue_next and char not in CLOSING:
            if char in NUMBER_TAIL and previous.isdigit():
                pass
            elif _is_word_char(char) and _is_word_char(previous):
                # An id or compound word may break after a hyphen between letters.
                before = text[i - 2] if i > 1 else ""
                attach = not (previous == "-" and before.isalpha() and char.isalnum())
            else:
                attach = False
        if attach and last is not None:
            last.end = i + 1
        else:
            units.append(_Unit(i, i + 1))
        glue_next = char in OPENING
    return units


def _fold(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into pieces of at most ``width`` cells."""
    pieces: list[tuple[int, int]] = []
    begin = start
    while cell_len(text[begin:end]) > width:
        cut, used = begin, 0
        while used + char_width(text[cut]) <= width:
            used += char_width(text[cut])
            cut += 1
        # Even folded, a closing mark does not start the next line.
        while cut - 1 > begin and (text[cut] in CLOSING or text[cut - 1] in OPENING):
            cut -= 1
        cut = max(cut, begin + 1)
        pieces.append((begin, cut))
        begin = cut
    pieces.append((begin, end))
    return pieces


def break_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where to cut ``text`` into lines of at most ``width`` cells: ``(start, end)``
    offsets of each line (spaces at a break dropped; newlines kept as breaks)."""
    width = max(1, width)
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans.extend((offset + s, offset + e) for s, e in _break_paragraph(paragraph, width))
        offset += len(paragraph) + 1
    return spans


def _break_paragraph(text: str, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    used = 0
    pending_space = False
    for unit in _units(text):
        if unit.space:
            pending_space = start is not None
            continue
        cells = cell_len(text[unit.start : unit.end])
        # The spaces kept inside a line are all there is between its units.
        gap = cell_len(text[end : unit.start]) if pending_space else 0
        if start is not None and used + gap + cells <= width:
            end, used = unit.end, used + gap + cells
        else:
            if start is not None:
                lines.append((start, end))
            pieces = _fold(text, unit.start, unit.end, width) if cells > width else []
            if pieces:
                lines.extend(pieces[:-1])
                start, end = pieces[-1]
            else:
                start, end = unit.start, unit.end
            used = cell_len(text[start:end])
        pending_space = False
    lines.append((start, end) if start is not None else (0, 0))
    return lines


def break_lines(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells (see :func:`break_spans`)."""
    return [text[start:end] for start, end in break_spans(text, width)]


def longest_unit(text: str) -> int:
    """Cells of the widest piece of ``text`` that no line break may split."""
    return max((cell_len(text[u.start : u.end]) for u in _units(text) if not u.space), default=0)


@dataclass(frozen=True)
class Column:
    """What a column needs: ``natural`` cells unwrapped, ``minimum`` without splitting
    a unit, ``floor`` below which it is unreadable (its header). A ``weight`` of 2
    (prose) lets a column keep twice the room of one of weight 1 (ids, names) as
    both are narrowed."""

    natural: int
    minimum: int
    floor: int
    weight: int = 1


def measure(header: str, cells: Sequence[str], wrap: bool = True, weight: int = 1) -> Column:
    lines = [line for cell in cells for line in cell.split("\n")]
    natural = max([cell_len(header), *(cell_len(line) for line in lines)])
    floor = max(1, cell_len(header))
    if not wrap:
        return Column(natural, natural, natural, weight)
    minimum = max([floor, *(longest_unit(cell) for cell in cells)])
    return Column(natural, min(minimum, natural), floor, weight)


def fit_widths(columns: Sequence[Column], total: int, gap: int = 2) -> list[int]:
    """Widths for ``columns`` within ``total`` cells (``gap`` between columns).

    Every column keeps at least its floor: none is dropped. While too wide, the
    widest column (for its weight) still above its minimum loses a cell; then the
    widest above its floor (folding its longest units).
    """
    widths = [column.natural for column in columns]
    room = total - gap * max(0, len(columns) - 1)
    for limit in ("minimum", "floor"):
        while sum(widths) > room:
            shrinkable = [i for i, c in enumerate(columns) if widths[i] > getattr(c, limit)]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i] / columns[i].weight)
            widths[widest] -= 1
    return widths
