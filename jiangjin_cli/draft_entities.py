"""Entity candidates of a draft: the names a reader would look up, as the article writes them.

Quoted names (“双高计划”, with the noun that follows: “4599”师资建设模式), titles
(《…实施方案》), and names ending in a word that says what they are: a school
(…学校, …学院), a body (…政府, …教育局), a group (…集团, …联盟) or a place (…省,
…市, …县, …区). A person keeps or drops each one; the draft links a fact to every
candidate its quote names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jiangjin_cli.draft import DraftEntity, DraftFact

# The last word of a name, and the kind it gives; longest first where one ends another.
SUFFIX_KINDS: tuple[tuple[str, str], ...] = (
    ("职业技术学院", "school"),
    ("职业学校", "school"),
    ("幼儿园", "school"),
    ("学校", "school"),
    ("学院", "school"),
    ("大学", "school"),
    ("中学", "school"),
    ("小学", "school"),
    ("委员会", "government"),
    ("教育局", "government"),
    ("政府", "government"),
    ("教委", "government"),
    ("教育部", "government"),
    ("教育厅", "government"),
    ("集团", "group"),
    ("联盟", "group"),
    ("共同体", "group"),
    ("公司", "company"),
    ("中心", "platform"),
    ("工作室", "platform"),
    ("大会", "event"),
    ("大赛", "event"),
    ("联赛", "event"),
    ("竞赛", "event"),
    ("评比", "event"),
    ("领导小组", "organisation"),
    ("基金会", "organisation"),
    ("基金", "organisation"),
    ("示范区", "award"),
    ("示范校", "award"),
    ("示范县", "award"),
    ("试点", "programme"),
    ("社", "organisation"),
)
# Words after a quoted name that belong to it (“4599”师资建设模式, “双师型”教师).
_NAME_TAILS = (
    "模式",
    "计划",
    "项目",
    "制度",
    "工程",
    "品牌",
    "基地",
    "竞赛",
    "布局",
    "政策",
    "行动",
    "培养",
    "教师",
    "结对",
    "证书",
    "升级版",
)
_NOT_AFTER_SUFFIX = {"社": "会区团", "中心": "城", "学院": "派"}
# A title or award ranked by level (国家级教学创新团队, 全国模范教师), up to a break.
_RANKED = re.compile(
    r"(?:国家级|全国|省级|市级)(?![首个])[\u4e00-\u9fff()（）]{2,24}?(?=[、，,。；;：:]|等|$)"
)
# Items of a 、 list that an 等 + noun after it says are one kind of name:
# 华为、京东方等中国企业; 川渝名师课博会、职教活动周等活动.
_LIST_KINDS = {
    "活动": "event",
    "赛事": "event",
    "荣誉": "award",
    "荣誉称号": "award",
    "称号": "award",
    "奖项": "award",
    "企业": "company",
    "中国企业": "company",
    "项目": "programme",
}
_LISTED = re.compile(
    r"((?:[^、，,。；;：:\n]{2,30}、)+[^、，,。；;：:\n]{2,30}?)等("
    + "|".join(sorted(_LIST_KINDS, key=len, reverse=True))
    + ")"
)
# Characters that cannot be inside a name: function words and verbs that join names to the
# sentence (与, 和, 及, 的, 在, 由, 被 ...), and words of scope (全, 各, 本, 该).
_NOT_IN_NAME = "与和及的在由对将被是为了向把从于至到获等并或全各本该其此每多个以让使同跟给成"
_PLACE = re.compile("[省市县区]")
# Verbs that end the run of characters before a school's or body's name.
_VERBS = "建设立推发组织评参依托助力办打造施支持促进围绕完覆盖派作挥充牵头拥有形选"
_NAME_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")
# A place name is followed by none of these (区域 "region", 县级 "county-level").
_NOT_AFTER_PLACE = frozenset("域级内外属委")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
# What a name must not be: a bare suffix, or a word such as 全区 / 城区 / 市县.
_NOT_PLACES = frozenset(
    {
        "城区",
        "市县",
        "区县",
        "县区",
        "县市",
        "社区",
        "园区",
        "校区",
        "片区",
        "辖区",
        "景区",
        "山区",
        "城市",
        "农村",
    }
)


def _place_at(words: str, suffix: int) -> str | None:
    """The place name ending with the suffix at ``words[suffix]``: two or three characters
    before it, standing at the start of the run, after a function word or after another
    place (四川省江安县)."""
    if words[suffix + 1 : suffix + 2] in _NOT_AFTER_PLACE and suffix + 1 < len(words):
        return None
    for size in (2, 3):
        start = suffix - size
        if start < 0:
            break
        body = words[start:suffix]
        if not _clean(body) or any(char in "省市县区" for char in body):
            continue
        if start == 0 or words[start - 1] in _NOT_IN_NAME or words[start - 1] in "省市县区":
            name = words[start : suffix + 1]
            return None if name in _NOT_PLACES else name
    return None


def _name_start(words: str, end: int) -> int:
    """Where a name ending at ``words[end]`` starts: after the nearest function word,
    verb or 批 (第一批…示范校), or at 全国 / 全省 / 全市 (全国职业院校技能大赛)."""
    start = end
    while start > 0:
        char = words[start - 1]
        if char == "全" and words[start : start + 1] in ("国", "省", "市"):
            return start - 1
        if char in _NOT_IN_NAME or char in _VERBS or char == "批":
            break
        start -= 1
    return start


def _clean(name: str) -> bool:
    return not any(char in _NOT_IN_NAME for char in name)


def _candidates(text: str) -> list[tuple[int, str, str]]:
    """(position, name, kind) of each candidate, possibly repeated."""
    found: list[tuple[int, str, str]] = []
    for match in re.finditer(r"“([^”\n]{1,30})”|《([^》\n]{1,60})》", text):
        if match.group(2):
            found.append((match.start(), match.group(2), "policy"))
            continue
        inner = match.group(1)
        if re.search(r"[\u4e00-\u9fffA-Za-z0-9]", inner):
            found.append((match.start(), inner, "programme"))
            tail = _HAN_RUN.match(text, match.end())
            if tail:
                for end in range(min(len(tail.group()), 8), 1, -1):
                    if tail.group()[:end].endswith(_NAME_TAILS):
                        name = match.group() + tail.group()[:end]
                        found.append((match.start(), name, "programme"))
                        break
    for match in _RANKED.finditer(text):
        found.append((match.start(), match.group(), "award"))
    for match in _LISTED.finditer(text):
        kind = _LIST_KINDS[match.group(2)]
        for item in match.group(1).split("、"):
            start = len(item)
            while start > 0 and item[start - 1] not in _NOT_IN_NAME + _VERBS + "“”《》":
                start -= 1
            name = item[start:]
            if 2 <= len(name) <= 20 and not name.isdigit():
                found.append((match.start(), name, kind))
    for run in _NAME_RUN.finditer(text):
        words = run.group()
        for suffix, kind in SUFFIX_KINDS:
            for end_match in re.finditer(re.escape(suffix), words):
                end, start = end_match.end(), end_match.start()
                if words[end : end + 1] in _NOT_AFTER_SUFFIX.get(suffix, "") and end < len(words):
                    continue  # 社会, 社区: the suffix is the head of a longer word
                start = _name_start(words, start)
                while start < end and not "\u4e00" <= words[start] <= "\u9fff":
                    start += 1  # 14所职业学校: a count before the name is no part of it
                name = words[start:end]
                whole = name == suffix and kind == "government"  # 被教育部认定
                body = name[: -len(suffix)]
                if (whole or len(suffix) < len(name) <= 20) and _clean(body.removeprefix("全")):
                    found.append((run.start() + start, name, kind))
        places: list[tuple[int, str]] = []
        for place in _PLACE.finditer(words):
            place_name = _place_at(words, place.start())
            if place_name:
                at = run.start() + place.start() + 1 - len(place_name)
                found.append((at, place_name, "place"))
                if places and places[-1][0] + len(places[-1][1]) == at:
                    # 甘肃省陇南市: the place with the one it lies in, as written
                    found.append((places[-1][0], places[-1][1] + place_name, "place"))
                places.append((at, place_name))
    return found


def entities_of(text: str) -> list[DraftEntity]:
    """The entity candidates of ``text`` in order of first mention, each once."""
    from jiangjin_cli.draft import DraftEntity

    seen: dict[str, DraftEntity] = {}
    counts: dict[str, int] = {}
    for _, name, kind in sorted(_candidates(text)):
        if name in seen:
            continue
        counts[kind] = counts.get(kind, 0) + 1
        seen[name] = DraftEntity(f"{kind}-{counts[kind]}", name, kind)
    return list(seen.values())


def link(facts: list[DraftFact], entities: list[DraftEntity]) -> list[DraftFact]:
    """Each fact with the candidates its quote names."""
    return [
        replace(fact, entities=tuple(e.id for e in entities if e.name in fact.quote))
        for fact in facts
    ]
