"""What a fact base may hold by mistake without breaking a rule: warnings, not errors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from jiangjin_cli.model import Problem
from jiangjin_cli.store.locate import Locator
from jiangjin_cli.store.tables import records
from jiangjin_cli.store.validate import KINDS, Rule, run_rules

__all__ = ["WARNING_RULES", "check_control_characters", "warnings"]

# C0 controls but tab and newline, DEL and the C1 controls, bidirectional embeddings,
# overrides and isolates.
_SUSPICIOUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a TOML text needs to hold one: the character itself, or an escape (\b, \u202e...).
_MAY_HIDE = re.compile(_SUSPICIOUS.pattern[:-1] + "\\\\]")


def _char_name(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def check_control_characters(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Control characters and bidirectional overrides hide or reorder text: warn about them."""
    problems: list[Problem] = []
    if loc.text and not _MAY_HIDE.search(loc.text):
        return problems  # one scan of the text instead of every string of every record
    for kind in KINDS:
        for index, record in records(doc, kind):
            for name, value in record.items():
                strings = value if isinstance(value, list) else [value]
                for text in strings:
                    if not isinstance(text, str):
                        continue
                    bad = _SUSPICIOUS.findall(text)
                    if bad:
                        more = f" and {len(bad) - 1} more" if len(bad) > 1 else ""
                        message = (
                            f"contains the invisible control character {_char_name(bad[0])}"
                            f"{more}; remove it unless it is meant"
                        )
                        problems.append(loc.at(kind, index, record, name, message))
    return problems


WARNING_RULES: tuple[Rule, ...] = (check_control_characters,)


def warnings(doc: Mapping[str, Any], loc: Locator) -> list[Problem]:
    """Things worth a look that do not make the base invalid."""
    return run_rules(WARNING_RULES, doc, loc)
