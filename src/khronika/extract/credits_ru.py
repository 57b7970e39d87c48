"""Where a Russian sentence names its sources: "по данным X", "со ссылкой на X", "X сообщил",
"сообщили в пресс-службе X", "стало известно X", as token ranges in order of priority."""

from __future__ import annotations

from khronika.extract.credit_phrases import inside_quotes, np_end
from khronika.extract.credit_words import CLOSE_QUOTES, OPEN_QUOTES, POSSESSIVE, RU_SPEECH, STOP
from khronika.model import Token

# "по данным X", "по словам X", "по сообщениям X", "по его подсчётам"
_RU_BY = ("данные", "слово", "информация", "сведение", "оценка", "сообщение", "подсчет")
_ADVERBS = frozenset("также же тоже ещё еще уже вчера сегодня позже ранее".split())
_MONTHS = frozenset(
    """январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь""".split()
)
_WEEKDAYS = frozenset("понедельник вторник среда четверг пятница суббота воскресенье".split())


def ru_credits(
    toks: tuple[Token, ...],
    lemmas: list[str],
    found: list[tuple[int, int]],
    cited: list[tuple[int, int]],
) -> None:
    n = len(toks)
    quoted = inside_quotes(toks)
    i = 0
    while i < n:
        lem = lemmas[i]
        if quoted[i]:
            i += 1  # «… прямо говорили: подпишете контракт …», — рассказал Сафин
            continue
        if lem == "по" and i + 1 < n:
            # "по данным X", "по словам X", "по его словам"
            j = i + 1
            if lemmas[j] in POSSESSIVE and j + 1 < n and lemmas[j + 1] in _RU_BY:
                found.append((j, j + 1))
                i = j + 2
                continue
            if lemmas[j] in _RU_BY:
                end = np_end(toks, j + 1)
                if end > j + 1:
                    found.append((j + 1, end))
                i = end
                continue
        if lem == "ссылка" and i > 0 and lemmas[i - 1] in ("со", "с") and i + 1 < n:
            start = i + 2 if lemmas[i + 1] == "на" else i + 1
            end = np_end(toks, start)
            if end > start and lemmas[start] not in ("свой", "свои"):
                cited.append((start, end))
            i = end
            continue
        special = _ru_special(toks, lemmas, i)
        if special:
            found.extend(special)
        elif (
            lem in RU_SPEECH
            and toks[i].pos in ("VERB", "AUX")
            and toks[i].feat("VerbForm") != "Inf"
        ):
            rng = _ru_speaker(toks, lemmas, i)
            if rng and not (lem in _RU_HANDED and _ru_handed(toks, i, rng)):
                found.append(rng)
        i += 1


# "передали военкомату области" hands people over; "передаёт ТАСС" credits a name
_RU_HANDED = frozenset("передать передавать".split())


def _ru_handed(toks: tuple[Token, ...], v: int, rng: tuple[int, int]) -> bool:
    """A recipient right after the verb and no name after it: people handed over."""
    first = toks[rng[0]].text
    recipient = v + 1 < len(toks) and toks[v + 1].feat("Case") == "Dat"
    return recipient and not (first[:1].isupper() or first in OPEN_QUOTES)


def _ru_special(toks: tuple[Token, ...], lemmas: list[str], i: int) -> list[tuple[int, int]]:
    """Credits of fixed turns: "стало известно консульству" (who learnt it), "говорится в
    сообщении ведомства" (where it is said), "приводит vn.ru слова участника рейда" (whose
    words, then who quotes them)."""
    n = len(toks)
    lem = lemmas[i]
    if lem == "стать" and i + 2 < n and lemmas[i + 1] == "известный" \
            and toks[i + 2].feat("Case") == "Dat":
        end = np_end(toks, i + 2)
        return [(i + 2, end)] if end > i + 2 else []
    if lem == "говориться" and i + 2 < n and lemmas[i + 1] in ("в", "во"):
        end = np_end(toks, i + 2)
        return [(i + 2, end)] if end > i + 2 else []
    if lem == "приводить":
        words = next((k for k in range(i + 1, min(n, i + 8))
                      if lemmas[k] in ("слово", "цитата", "комментарий")), None)
        if words is not None and words > i + 1:
            end = np_end(toks, words + 1)
            out = [(words + 1, end)] if end > words + 1 else []
            return [*out, (i + 1, words)]
    return []


def _ru_speaker(toks: tuple[Token, ...], lemmas: list[str], v: int) -> tuple[int, int] | None:
    start, stop = _ru_subject_start(toks, lemmas, v)
    while start + 1 < v and lemmas[start] in ("о", "об") and lemmas[start + 1] in ("это", "этот"):
        start += 2  # "Об этом ведомство сообщило": the topic, then the source
    if stop < v:
        return start, stop  # the speaker before a relative clause
    before = range(start, v)
    if _ru_has_subject(toks, lemmas, before):
        # subject before the verb: "Собеседник утверждает, что …"
        span = [k for k in before if lemmas[k] not in _ADVERBS]
        return (span[0], span[-1] + 1) if span else None
    opening = _ru_impersonal_opening(toks, lemmas, v)
    if opening is not None:
        return opening
    if (
        v > 0
        and toks[v - 1].pos == "NOUN"
        and toks[v - 1].feat("Case") == "Loc"
        and any(lemmas[k] in ("в", "во") for k in before)
    ):
        # impersonal "В областном военкомате подтвердили" (but "Об облаве написал …" names
        # the topic, and its source follows the verb)
        span = [k for k in before if lemmas[k] not in ("в", "во", *_ADVERBS)]
        return (span[0], span[-1] + 1) if span else None
    return _ru_after_verb(toks, lemmas, v)


def _ru_subject_start(toks: tuple[Token, ...], lemmas: list[str], v: int) -> tuple[int, int]:
    """Where the words before the speech verb begin: back to a stop, over a quoted name
    («Сызрань сейчас» пишет) and over a relative clause set off by commas ("Один из рабочих,
    с которым поговорил наш корреспондент, рассказывает")."""
    start = v
    while start > 0:
        before = toks[start - 1].text
        if before in CLOSE_QUOTES:
            opening = next((k for k in range(start - 2, -1, -1) if toks[k].text in OPEN_QUOTES),
                           None)
            if opening is None:
                break
            start = opening
            continue
        if before not in STOP:
            start -= 1
            continue
        break
    if start == v and start > 1 and toks[start - 1].text == ",":
        clause = next((k for k in range(start - 2, -1, -1) if toks[k].text == ","), None)
        if clause is not None and any(
            lemmas[k] in _RU_RELATIVE for k in range(clause + 1, min(clause + 3, start))
        ):
            head = clause
            while head > 0 and toks[head - 1].text not in STOP:
                head -= 1
            near = range(head, clause)
            if 0 < len(near) <= _RU_SPEAKER_MAX and any(
                toks[k].pos in ("NOUN", "PROPN", "NUM", "PRON") for k in near
            ) and not any(toks[k].pos in ("VERB", "AUX") for k in near):
                return head, clause
    return start, v


_RU_RELATIVE = frozenset("который которая которое которые".split())
_RU_SPEAKER_MAX = 6  # words of a speaker named before a relative clause


def _ru_impersonal_opening(
    toks: tuple[Token, ...], lemmas: list[str], v: int
) -> tuple[int, int] | None:
    """ "В военном комиссариате по городу факт визита подтвердили": a body named in the
    sentence's opening place phrase speaks through a plural verb with no subject."""
    if v < 3 or lemmas[0] not in ("в", "во") or toks[v].feat("Number") != "Plur":
        return None
    k = 1
    while k < v and toks[k].pos == "ADJ" and toks[k].feat("Case") == "Loc":
        k += 1
    if k >= v or toks[k].pos not in ("NOUN", "PROPN") or toks[k].feat("Case") != "Loc":
        return None
    end = k + 1
    if end + 1 < v and lemmas[end] == "по":  # "по Магнитогорску", "по Челябинской области"
        end += 1
        while end < v and toks[end].feat("Case") == "Dat" and toks[end].pos in (
            "ADJ", "NOUN", "PROPN"
        ):
            end += 1
    if any(toks[m].text in STOP for m in range(1, v)):
        return None
    return 1, end


def _ru_has_subject(toks: tuple[Token, ...], lemmas: list[str], before: range) -> bool:
    return any(
        (
            toks[k].pos in ("NOUN", "PROPN", "PRON", "NUM")
            and toks[k].feat("Case") == "Nom"
            and lemmas[k] not in ("это", "что")
        )
        # a Latin name carries no case: "Baza пишет", "URA.RU писало"
        or (toks[k].text[:1].isupper() and toks[k].text.isascii() and toks[k].text.isalpha())
        for k in before
    )


def _ru_after_verb(toks: tuple[Token, ...], lemmas: list[str], v: int) -> tuple[int, int] | None:
    """The source named after the speech verb: "сообщили в пресс-службе УМВД"."""
    n = len(toks)
    j = v + 1
    # skip a recipient ("нашей редакции"), circumstances ("на брифинге") and dates
    while j < n and (toks[j].text not in STOP or toks[j].text in OPEN_QUOTES):
        step = _ru_skip(toks, lemmas, v, j)
        if step == j:
            break
        j = step
    while j + 1 < n and lemmas[j] in ("в", "во") and lemmas[j + 1] in _WEEKDAYS:
        j += 2  # "рассказали в четверг, 30 января, в управлении": the day is not the source
        while j < n and (toks[j].text in (",",) or toks[j].text.isdigit() or lemmas[j] in _MONTHS):
            j += 1
    if j < n and lemmas[j] in ("в", "во"):
        j += 1  # impersonal "сообщили в пресс-службе УМВД"
    elif j < n and toks[j].pos == "ADP":
        return None
    end = np_end(toks, j)
    return (j, end) if end > j else None


def _ru_skip(toks: tuple[Token, ...], lemmas: list[str], v: int, j: int) -> int:
    """Where reading resumes after the word at ``j`` when it is not the source, else ``j``."""
    t = toks[j]
    if t.feat("Case") == "Dat" and t.pos in ("NOUN", "ADJ", "DET", "PRON"):
        return j + 1
    if t.text in OPEN_QUOTES and j + 1 < len(toks):
        # a quoted recipient: "рассказали «Тюменскому обозревателю» трое собеседников",
        # "сообщили «Вестнику» в пресс-службе управления"
        close = next((k for k in range(j + 1, len(toks)) if toks[k].text in CLOSE_QUOTES), None)
        if close is not None and (
            toks[j + 1].feat("Case") == "Dat"
            or (close + 1 < len(toks) and lemmas[close + 1] in ("в", "во"))
        ):
            return close + 1
    if lemmas[j] in ("на", "во", "в") and toks[v].feat("Number") != "Plur":
        k = j + 1
        while (
            k < len(toks)
            and toks[k].pos in ("ADJ", "NOUN", "NUM")
            and toks[k].feat("Case") in ("Loc", "Acc", None)
        ):
            k += 1
            if toks[k - 1].pos == "NOUN":
                break
        return k
    if t.pos == "ADV" or t.text.isdigit() or lemmas[j] in _MONTHS:
        return j + 1
    return j
