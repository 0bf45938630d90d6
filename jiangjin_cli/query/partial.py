"""Questions a base answers only in part, by what their answer must write. No I/O.

- **A figure for each one** (每所田间学校培训多少, per pupil, on average): a record whose
  quote writes one (每所, 每学年, 生均), not a count of the things (:func:`per_unit_cue`).
- **The parts of a name of figures** ("what does 4599 stand for", 6个1具体是哪六个): a
  record writing them out (a list, 即), not the fact that only names the model
  (:func:`figure_names_asked`).
- **How many people a place has** (E有多少名教师, how many teachers work at E, how many
  students are enrolled): a record giving a stock (有, 在校, 规模 ...), not what the place
  did with people (:func:`people_stock_asked`).
- **The size of an area** (占地面积多大): a figure in a unit of area (:func:`area_asked`).
- **A distance** (多远, how far, how long a ride): a figure in a unit of length or of
  travel time (:func:`distance_asked`).
- **A grade of prize** (二等奖几项, third prizes): not a record that writes only another
  grade (一等奖, first prizes) (:func:`other_grades`).
- **A ratio** (student-to-teacher ratio): a record holding both things
  (:func:`ratio_asked`).

:mod:`.asked` requires these of a question's answers; :mod:`.refusal` names them when
it is refused. docs/search.md ("What is named, what is asked") has the measurements.
"""

from __future__ import annotations

from jiangjin_cli.query.reading import MEASURE_WORDS, docs_in_field, related_words
from jiangjin_cli.store.index import F_QUOTE, F_UNIT, Index
from jiangjin_cli.text import lazy_pattern
from jiangjin_cli.tokens import CJK, split_stops, stem

__all__ = [
    "area_asked",
    "distance_asked",
    "figure_names_asked",
    "giving_area",
    "giving_distance",
    "giving_stock",
    "grades_lacking",
    "measure_cues",
    "other_grades",
    "people_stock_asked",
    "per_unit_cue",
    "ratio_asked",
    "spelling_out",
    "writing_each",
]


#: What 每 counts one by one (每所, 每人, 每生), and whose 均 averages (人均, 生均, 平均).
_EACH = "所个家位名座间户校人生村园班"
_AVERAGED = "人生校户平"
#: A question asking a figure for each one: 每 with one of ``_EACH`` but not before a
#: time (每年, 每个学期 ask a rate, not each one), an average, or English each/every/per
#: one thing (not each year, each other), or an average.
_PER_UNIT = lazy_pattern(
    rf"每[{_EACH}](?!学期|月|星期|周|季|年|天|学年|小时|次)|[{_AVERAGED}]均"
    r"|\b(?:each|every|per) (?!other\b|one\b|(?:school )?(?:year|month|week|day|term|semester|"
    r"time|annum|hour)s?\b)[a-z][\w-]*|\baverage\b"
)


def writing_each(index: Index) -> set[int]:
    """The records whose quote writes a figure for each one: 均, or 每 other than 每年."""

    def in_quotes(token: str) -> dict[int, int]:
        flat = index.postings(token)
        return {flat[k]: flat[k + 2] for k in range(0, len(flat), 3) if flat[k + 1] == F_QUOTE}

    yearly = in_quotes("每年")
    docs = {doc for doc, count in in_quotes("每").items() if count > yearly.get(doc, 0)}
    return docs | in_quotes("均").keys()


def per_unit_cue(whole: str) -> str | None:
    """The words of folded question ``whole`` that ask a figure for each one (每所, each
    field); None when it asks none."""
    if not any(key in whole for key in ("每", "均", "each", "every", "per ", "average")):
        return None  # compiles no pattern
    cue = _PER_UNIT().search(whole)
    return cue.group() if cue else None


#: A question asking what the parts of a name are: 具体是哪六个, 分别代表什么, 指的是什么,
#: "what does ... stand for", "what are its components", "what are (list) the 6 ones in".
_PARTS = lazy_pattern(
    r"具体(?:是|指|包括|包含|有)|分别(?:是|指|代表|为)|代表(?:什么|啥|的是)|指(?:的是)?(?:什么|啥)"
    r"|哪[0-9]+[个项类种条点]|含义|内涵"
    r"|\b(?:stands? for|consists? of|made up of|represents?|components?|elements?|means?)\b"
    r"|\b(?:what are|list) the (?:[0-9]+|two|three|four|five|six|seven|eight|nine|ten)\b"
)


def figure_names_asked(whole: str, entities: dict[int, tuple[list[str], str]]) -> list[str]:
    """The names of figures (4599, 6个1) whose parts folded question ``whole`` asks
    for, as it writes them; ``entities`` are those it names (:func:`named_entities`)."""
    written = [w for _, w in entities.values() if any(map(str.isdigit, w))]
    return written if written and _PARTS().search(whole) else []


#: A count of a named place's people as it stands: E有多少名教师, E现有几名在校生; how many
#: teachers work at E, are enrolled at E, does E have.
_STOCK_ZH = lazy_pattern(
    rf"(?:现在|目前|现|共|一共|总共)?有(?:多少|几)[{''.join(MEASURE_WORDS)}]?([{CJK}]+)"
)
_STOCK_EN = lazy_pattern(
    r"\bhow many ([a-z]+)\b.*? (?:(?:work|teach|study|are (?:currently )?(?:enrolled|employed)"
    r"|are there) (?:at|in)|(does|do)) (?:the )?$"
)
_HAVING_EN = lazy_pattern(r" (?:currently |now )?(?:have|has|employ|enrol|enroll)\b")
#: "how many students are (currently) enrolled", "how many students study at", with no
#: place of the base named: a stock too.
_ENROLLED_EN = lazy_pattern(
    r"\bhow many (?:[a-z]+ ){0,3}?([a-z]+) (?:(?:are|is) (?:currently |now )?"
    r"(?:enrolled|employed|studying|working|teaching)\b|study (?:at|in)\b)"
)
#: A rate makes the count a flow (enrolled each year, annually).
_RATE_EN = lazy_pattern(r"\b(?:annual|annually|yearly|each|every|per|a year|a month)\b")
#: Last characters of a Chinese noun for people (学生, 教师, 学员, 幼儿, 员工).
_PEOPLE_ZH = frozenset("生师员童儿工")
_PEOPLE_EN = frozenset(
    word
    for head in ("teacher", "student", "employee", "worker", "person", "child")
    for word in (head, *related_words(head))
    if word.isascii()
)
#: What a quote writes when it gives a stock rather than a flow: 有 (现有, 拥有), 在校, 在园,
#: 在读, 在职, 在编, 规模, 总数, 共计, 达 (成员达160余人). Each is one index token.
_STOCK_WORDS = ("有", "在校", "在园", "在读", "在职", "在编", "规模", "总数", "共计", "达")


def spelling_out(index: Index) -> set[int]:
    """The records whose text writes parts out: a list (、) or 即 ("that is") in the quote."""
    return set(index.containing("、")) | docs_in_field(index, ["即"], F_QUOTE)


def giving_stock(index: Index) -> set[int]:
    """The records whose quote writes a stock (:data:`_STOCK_WORDS`)."""
    return docs_in_field(index, _STOCK_WORDS, F_QUOTE)


def people_stock_asked(
    whole: str, entities: dict[int, tuple[list[str], str]]
) -> tuple[str, str] | None:
    """The place ("" when none is named) and the people when folded question ``whole``
    asks how many people a place has (瑞岭市交通职业学校有多少名教师, how many teachers
    work at ..., how many students are enrolled): a figure of what the place did with
    people (派出骨干教师42名, 年接收贫困学生2000人) does not answer. None for any other
    question; ``entities`` are those it names (:func:`named_entities`)."""
    for _, written in entities.values():
        at = whole.find(written)
        if at < 0:
            continue
        after = whole[at + len(written) :]
        if "有" in after[:4]:
            held = _STOCK_ZH().match(after)
            runs = split_stops(held.group(1)) if held else []
            if held and runs and runs[0][-1] in _PEOPLE_ZH:
                words = held.group(1)  # 在园幼儿: the stop word 在 kept inside the noun
                return written, words[: words.find(runs[0]) + len(runs[0])]
        if "how many" in whole[:at]:
            asked = _STOCK_EN().search(whole[:at])
            # "does E have": the verb after the name must be one of having.
            if (
                asked
                and (not asked.group(2) or _HAVING_EN().match(after))
                and stem(asked.group(1)) in _PEOPLE_EN
            ):
                return written, asked.group(1)
    enrolled = _ENROLLED_EN().search(whole) if "how many" in whole else None
    if enrolled and stem(enrolled.group(1)) in _PEOPLE_EN and not _RATE_EN().search(whole):
        return "", enrolled.group(1)
    return None


#: "How big is its area": 面积 or 占地 (area, acreage, campus in English) with 多大, 多少
#: or "how big / large / much"; "how many square metres / mu / hectares".
_AREA_ZH = lazy_pattern(
    r"(?:面积|占地)[^,?]{0,6}?(?:多大|多少|几)|(?:多少|几)(?:万|千)?(?:亩|平方|公顷)"
)
_AREA_EN = lazy_pattern(
    r"\bhow (?:big|large|much)\b.*\b(?:area|acreage|land|space)\b"
    r"|\bhow (?:big|large)\b.*\b(?:campus(?:es)?|site|grounds)\b"  # how much ... campus: money
    r"|\bhow many (?:square (?:metres|meters|kilometres|kilometers)|mu|hectares|acres)\b"
)
#: Index tokens of the units an area is given in (亩, 平方米 / 万平方米, 公顷): the Chinese
#: unit a figure is counted in, not its English rendering, where "yuan per mu" is money.
_AREA_UNITS = ("亩", "平方", "公顷")


def area_asked(whole: str) -> bool:
    """Whether folded question ``whole`` asks the size of an area (占地面积多大): a figure
    in another unit (a count of students) does not answer it."""
    return bool(_AREA_ZH().search(whole) or _AREA_EN().search(whole))


def giving_area(index: Index) -> set[int]:
    """The records whose unit is one of an area."""
    return docs_in_field(index, _AREA_UNITS, F_UNIT)


_DISTANCE = lazy_pattern(
    r"多远|(?:距离|路程)[^,?]{0,6}?(?:多少|几|多长)|(?:多少|几)(?:公里|千米)"
    r"|\bhow far\b(?! (?:ahead|behind|above|below|along|back)\b)"
    r"|\bhow many (?:kilomet(?:re|er)s|km|miles)\b"
    r"|\bhow long (?:a |of a )?(?:ride|drive|walk|trip|journey|commute)\b"
    r"|\b(?:what|which) (?:is )?the distance\b"
)
#: Index tokens of the units a distance is given in, by length or by travel time.
_DISTANCE_UNITS = (
    "公里",
    "千米",
    "分钟",
    "小时",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "minutes",
    "hours",
)


def distance_asked(whole: str) -> bool:
    """Whether folded question ``whole`` asks a distance (多远, how far, how long a ride):
    a figure in another unit (a count of schools) does not answer it."""
    return bool(_DISTANCE().search(whole))


#: A ratio of two things (student-to-teacher ratio, the ratio of students to PE teachers):
#: a record answers only if it holds both.
_RATIO_EN = lazy_pattern(
    r"\b([a-z]+)[- ]to[- ]([a-z]+) ratio\b"
    r"|\bratio of (?:[a-z]+ )??([a-z]+) to (?:[a-z]+ )??([a-z]+)\b"
)


def ratio_asked(whole: str) -> list[str]:
    """The two things a ratio folded question ``whole`` asks compares, as it writes them
    (students, teachers); [] when it asks no ratio."""
    if "ratio" not in whole:
        return []
    return [word for m in _RATIO_EN().finditer(whole) for word in m.groups() if word]


def measure_cues(whole: str) -> str:
    """The words of folded ``whole`` that ask an area or a distance (how far, 多少公里),
    joined by spaces: a refusal does not name them as words the base lacks."""
    found = [_AREA_ZH(), _AREA_EN(), _DISTANCE()]
    return " ".join(m.group() for pattern in found for m in pattern.finditer(whole))


def giving_distance(index: Index) -> set[int]:
    """The records whose unit is one of length or of travel time."""
    return docs_in_field(index, tuple(stem(u) for u in _DISTANCE_UNITS), F_UNIT)


#: The grades of a prize, as a question or a record writes them: 特等奖 / grand prize,
#: 一等奖 / first prize (first-place), 二等奖, 三等奖.
_GRADES_ZH = "特一二三"
_GRADES_EN = ("grand", "first", "second", "third")
_GRADE = lazy_pattern(
    rf"([{_GRADES_ZH}])等奖|\b(grand|first|second|third)[\s-]+(?:prizes?|place)\b"
)


def _grades_asked(whole: str) -> dict[int, str]:
    """The grades of prize a question asks about, each with the words it writes it in."""
    asked: dict[int, str] = {}
    for match in _GRADE().finditer(whole):
        zh, en = match.group(1), match.group(2)
        asked.setdefault(_GRADES_ZH.index(zh) if zh else _GRADES_EN.index(en), match.group())
    return asked


def _writing_grade(index: Index, grade: int) -> set[int]:
    """The records that write a grade of prize (一等奖, first prize, first-place)."""
    zh, en = _GRADES_ZH[grade], _GRADES_EN[grade]
    forms = (f"{zh}等奖", f"{en} prize", f"{en}-prize", f"{en} place", f"{en}-place")
    return {doc for form in forms for doc in index.containing(form)}


def other_grades(index: Index, whole: str) -> set[int]:
    """For a question asking about a grade of prize (二等奖, third prizes), the records
    that write another grade and not the one asked: a count of first prizes does not say
    how many third prizes were won."""
    asked = _grades_asked(whole)
    if not asked:
        return set()
    writing = {grade: _writing_grade(index, grade) for grade in range(len(_GRADES_ZH))}
    holding = set().union(*(writing[g] for g in asked))
    others = set().union(*(docs for g, docs in writing.items() if g not in asked))
    return others - holding


def grades_lacking(index: Index, whole: str) -> list[str]:
    """The grades of prize a question asks about that no record writes, as it writes them
    (二等奖): what its refusal names."""
    return [words for g, words in _grades_asked(whole).items() if not _writing_grade(index, g)]
