"""Time expressions in Russian and English news, resolved against the publication date.

Design. A table of regular expressions per language finds candidate expressions in a
sentence (bench/bench_dates.py: ~0.3 ms a sentence; dateparser's ``search_dates`` takes
~4 ms and has no notion of ranges, seasons, parts of a month or "за две недели"). Overlapping
candidates are settled longest-first; neighbouring day dates joined by "и", "and", "по",
"to", "–" merge into one range ("on December 31 and January 1"); then each is resolved.
``parse_date`` falls back to dateparser (offline, past-preferring, one language) for a
whole phrase the table does not know.

Resolution rules (the domain reports past events):

- a date or period written without a year is the most recent one that *starts* on or
  before the publication date ("в августе" → the last August begun by then);
- calendar periods resolved that way (month, season, quarter, "this week") are cut at the
  publication date when still under way; explicit day ranges are not cut, so a planned
  operation "с 12 по 25 ноября" keeps its stated end;
- a bare weekday ("в четверг", "on Thursday") is the most recent such day on or before
  publication: same-day in wire style ("police said on Thursday" in a Thursday story);
  "last Thursday"/"в прошлый четверг" is strictly before publication; in a story that
  named a week ("На прошлой неделе …") its weekdays fall in that week (weekdays.py);
- "since …" ranges run to publication with the precision of their start: "с начала года"
  → year, "since January" → month, "с 1 марта" → day; "с конца ноября" starts on 20
  November, "в конце марта" is 21–31 March with precision month (parts of a month are
  day ranges with the month's precision: the writer did not say which days);
- "в ночь на 5 января" → 4–5 January, but English "on the night of January 5" → 5–6 January;
  "в новогоднюю ночь" → 31 December – 1 January; "around midnight last Thursday", «около
  полуночи в четверг» → Thursday–Friday, "just after midnight on Friday" → Thursday–Friday;
- the day an order or a summons sets ("ordering him to appear the next day", «с требованием
  явиться 5 октября») is an appointment, not a date of the sentence's event;
- "the previous week" is last week; a part of a week («в конце прошлой недели», "at the start
  of the week") is that week; "over the past few weeks", «за последние несколько
  месяцев» run three units back to publication;
- a clock time with no date told in the present ("since 10 a.m. police have blocked",
  «с утра ищут») is the publication day; "by Friday evening", «к вечеру среды» date their
  sentence (``is_bound``: the story does not move to that day), but not in an order ("must
  leave by Friday morning");
- an outlet called "… Today" is no date; a rite's weekday ("left Friday prayers") gives way
  to another date of its sentence (``names_rite``, applied in claims.py);
- without a publication date only expressions carrying their own year resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from khronika.extract import calendar as cal
from khronika.extract.calendar import (
    MONTHS,
    NUMBERS,
    RU_MONTH_FORMS,
    WEEKDAYS,
    Groups,
    Handler,
    Resolved,
    Resolver,
    read_clock_today,
    read_day,
    read_day_range,
    read_duration,
    read_month,
    read_month_range,
    read_months_of_year,
    read_new_year,
    read_night_range,
    read_numeric,
    read_part_month,
    read_part_relmonth,
    read_part_year,
    read_quarter,
    read_relday,
    read_relperiod,
    read_season,
    read_since_day,
    read_since_start,
    read_weekday,
    read_weekday_range,
    read_weekend,
    read_year,
    shift_end,
    shift_start,
)
from khronika.model import DatePrecision, DateRange, Lang, Sentence, Span


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    stop: int
    kind: str  # "day" and "weekday" merge into ranges; "period", "since" and "clock" do not
    resolve: Resolver
    has_year: bool = False


def _alt(words: list[str] | set[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MON_RU = _alt({f for forms in RU_MONTH_FORMS for f in forms})
_MON_EN = (r"(?:January|February|March|April|May|June|July|August|September|October|"
           r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
_WD = _alt(set(WEEKDAYS))
_NUM = r"(?:\d{1,2}|" + _alt(set(NUMBERS)) + r")"
_D = r"(?<![\d.,])[0-3]?\d(?![\d.,:]\d)"
_ORD_EN = r"(?:st|nd|rd|th)?"
# A year written after a Russian date, as digits or as a relative word ("прошлого года").
_YS_RU = (r"(?>(?:\s+(?P<y>(?:19|20)\d\d)(?:\s*(?:года|год|г\.|г\b))?|\s+(?P<yrel>этого|"
          r"текущего|нынешнего|прошлого|минувшего|прошедшего|позапрошлого)\s+года)?)")
_YS_EN = r"(?>(?:,?\s+(?P<y>(?:19|20)\d\d)\b|\s+(?:of\s+)?(?P<yrel>this|last)\s+year)?)"
_YEAR_OF_RU = (r"(?:(?P<y>(?:19|20)\d\d)\s*(?:года|г\.)|(?P<yrel>этого|текущего|нынешнего|"
               r"прошлого|минувшего|прошедшего|позапрошлого)\s+года|(?P<ythe>года))")
_YEAR_OF_EN = r"(?:(?P<y>(?:19|20)\d\d)\b|(?P<yrel>this|last|the)\s+year)"


# --- pattern tables ------------------------------------------------------------------------

_PRE_RU = r"(?:(?P<pre>с|со|в|во|за)\s+)?"
_RU: list[tuple[str, Handler]] = [
    (rf"(?:с\s+)?(?P<d1>{_D})\s*(?:по|до|[-–—]|и)\s*(?P<d2>{_D})\s+(?P<mon>{_MON_RU}){_YS_RU}",
     read_day_range),
    (rf"(?P<d>{_D})(?:-?го)?\s+(?P<mon>{_MON_RU}){_YS_RU}", read_day),
    (rf"(?P<pre>с|со)\s+(?P<d>{_D})(?:-?го)?\s+(?P<mon>{_MON_RU}){_YS_RU}(?!\s+(?:по|до)\s+\d)",
     read_since_day),
    (rf"в\s+ночь\s+с\s+(?P<d1>{_D})\s+на\s+(?P<d2>{_D})\s+(?P<mon>{_MON_RU}){_YS_RU}",
     read_night_range),
    (rf"(?:(?P<night>в\s+ночь\s+)|(?<!\w))с\s+(?P<wd1>{_WD})\s+(?:по|на)\s+(?P<wd>{_WD})\b",
     read_weekday_range),
    (rf"(?:в|во)\s+(?:(?P<rel>прошл\w+|минувш\w+|эт(?:от|у|о))\s+)?(?P<wd>{_WD})\b", read_weekday),
    (rf"(?<=ночь\sна\s)(?P<wd>{_WD})\b", read_weekday),
    # «к вечеру среды»: when a thing was done by, told of that day
    (rf"к\s+(?:вечеру|утру|обеду|ночи|концу\s+дня)\s+(?P<wd>{_WD})\b", read_weekday),
    (r"с\s+(?:самого\s+|раннего\s+)?утра|с\s+\d{1,2}(?::\d\d)?\s+(?:часов\s+)?(?:утра|вечера)"
     r"|с\s+\d{1,2}:\d\d", read_clock_today),
    (rf"(?P<pre>в|во|с|со|за)\s+(?:(?P<rel>прошлом|прошлого|минувшем)\s+)?(?P<mon>{_MON_RU})"
     rf"{_YS_RU}", read_month),
    (rf"(?:(?:с|в)\s+)?(?P<mon1>{_MON_RU})\s*(?:по|[-–—])\s*(?P<mon>{_MON_RU}){_YS_RU}",
     read_month_range),
    (rf"{_PRE_RU}(?P<part>начал[аеу]|середин[аеуы]|конц[аеу]|конец|перв(?:ой|ую)\s+половин[аеуы]"
     rf"|втор(?:ой|ую)\s+половин[аеуы])\s+(?P<mon>{_MON_RU}){_YS_RU}", read_part_month),
    (rf"{_PRE_RU}(?P<part>начал[аеу]|середин[аеуы]|конц[аеу]|конец)\s+{_YEAR_OF_RU}",
     read_part_year),
    (rf"{_PRE_RU}(?P<part>начал[аеу]|середин[аеуы]|конц[аеу]|конец)\s+(?:(?P<rel>прошлого|"
     r"минувшего|позапрошлого|этого|текущего|нынешнего)\s+)?месяца\b", read_part_relmonth),
    (r"(?P<pre>с|со)\s+начала\s+(?:(?:этого|текущего|нынешнего)\s+)?(?P<unit>месяца|недели)",
     read_since_start),
    (rf"(?P<pre>с|со)\s+(?:начала\s+)?(?P<season>зимы|весны|лета|осени){_YS_RU}", read_season),
    (rf"(?:(?P<rel>эт(?:ой|им)|прошл(?:ой|ым)|минувш(?:ей|им)|нынешн(?:ей|им))\s+)?"
     rf"(?P<season>зимой|весной|летом|осенью){_YS_RU}", read_season),
    (r"(?:в|во|за)\s+(?P<q>[1-4](?:-?(?:м|й|ом))?|IV|I{1,3}|перв\w+|втор\w+|трет\w+|четв[её]рт\w+)"
     rf"\s+квартал[еау]?{_YS_RU}", read_quarter),
    (r"(?:в|за)\s+(?P<qrel>прошлом|прошлый|минувшем|минувший)\s+квартал[еау]?", read_quarter),
    (rf"(?:за|в)\s+(?:(?P<fl>первые|последние)\s+)?(?P<n>{_NUM})\s+месяц(?:а|ев)\s+"
     rf"{_YEAR_OF_RU}", read_months_of_year),
    (rf"(?:в|за)\s+(?P<half>перв|втор)(?:ом|ое|ой|ую)\s+(?:полугоди[еи]|половин[еуы])\s+"
     rf"{_YEAR_OF_RU}", read_months_of_year),
    (r"(?:(?P<pre>в|во|с|со)\s+)?(?P<y1>(?:19|20)\d\d)\s*(?:[-–—]|по|и)\s*(?P<y2>(?:19|20)\d\d)"
     r"\s*(?:годах|годы|годов|год|гг\.?)", read_year),
    (r"(?:(?P<pre>в|во|с|со|за)\s+)?(?P<y>(?:19|20)\d\d)\s*(?:год(?:а|у|ом)?\b|г\.|гг?\b|-?м\b)",
     read_year),
    (r"(?P<rd>позавчера|вчера|сегодня(?:\s+ночью)?|(?:этой|прошлой|минувшей)\s+ночью)",
     read_relday),
    (r"(?:на|в)\s+(?P<rel>прошлой|минувшей|этой|текущей|позапрошлой|прошедшей)\s+(?P<unit>неделе)",
     read_relperiod),
    (r"в\s+(?P<rel>прошлом|минувшем|этом|текущем|позапрошлом|прошедшем|нынешнем)\s+"
     r"(?P<unit>месяце|году|квартале)", read_relperiod),
    # «в конце прошлой недели»: the week; which of its days the writer did not say
    (r"(?:в\s+)?(?:начале|середине|конце)\s+(?:(?P<rel>прошлой|минувшей|прошедшей|этой|текущей|"
     r"позапрошлой)\s+)?(?P<unit>недели)", read_relperiod),
    (r"(?:в|на)\s+(?:(?P<rel>минувшие|прошлые|прошедшие|эти|последние)\s+)?выходн(?:ые|ых)",
     read_weekend),
    (rf"(?:за|в\s+течение)\s+(?:(?:последн|прошедш|минувш)(?:ие|ую|ий|ее|их|юю)\s+)?"
     rf"(?:(?P<n>{_NUM})\s+|(?P<few>несколько)\s+)?(?P<unit>дн(?:я|ей)|день|сутки|суток|"
     rf"недел[юиь]|месяц(?:а|ев)?|"
     rf"год(?:а)?|лет|час(?:а|ов)?)\b(?!\s+до\b)", read_duration),
    (rf"в\s+последние\s+(?P<n>{_NUM})\s+(?P<unit>дн(?:я|ей)|недел[иь]|месяц(?:а|ев)|год(?:а)?|лет)",
     read_duration),
    (rf"(?:(?P<n>{_NUM})\s+)?(?P<unit>дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет)\s+"
     r"(?P<ago>назад)", read_duration),
    (r"(?P<ny>(?:в\s+)?новогодн(?:юю|яя|ей)\s+ночь|в\s+ночь\s+на\s+новый\s+год|в\s+канун\s+"
     r"нового\s+года|(?:в|на)\s+новогодни[ех]\s+(?:праздник|каникул)\w*)", read_new_year),
]

_PRE_EN = r"(?:(?P<pre>in|during|since|from|throughout|over|for)\s+)?"
_EN: list[tuple[str, Handler]] = [
    (rf"(?:(?:between|from)\s+)?(?P<d1>{_D}){_ORD_EN}\s*(?:and|to|[-–—]|through|until|till)\s*"
     rf"(?P<d2>{_D}){_ORD_EN}\s+(?:of\s+)?(?P<mon>{_MON_EN}){_YS_EN}", read_day_range),
    (rf"(?:(?:between|from)\s+)?(?P<mon>{_MON_EN})\s+(?P<d1>{_D}){_ORD_EN}\s*(?:and|to|[-–—]|"
     rf"through|until|till)\s*(?P<d2>{_D}){_ORD_EN}\b(?!\s+(?:[a-z]+\s+)?(?:people|men|women|"
     rf"migrants|workers|foreigners|persons|of|thousand|hundred)){_YS_EN}", read_day_range),
    (rf"(?P<mon>{_MON_EN})\s+(?P<d>{_D}){_ORD_EN}\b{_YS_EN}", read_day),
    (rf"(?:the\s+)?(?P<d>{_D}){_ORD_EN}\s+(?:of\s+)?(?P<mon>{_MON_EN}){_YS_EN}", read_day),
    (rf"(?P<pre>since)\s+(?P<mon>{_MON_EN})\s+(?P<d>{_D}){_ORD_EN}\b{_YS_EN}", read_since_day),
    (rf"(?P<pre>since)\s+(?:the\s+)?(?P<d>{_D}){_ORD_EN}\s+(?:of\s+)?(?P<mon>{_MON_EN}){_YS_EN}",
     read_since_day),
    (rf"(?:(?:on\s+)?the\s+night\s+from\s+|(?<!\w)from\s+)(?P<wd1>{_WD})\s+(?:to|into|until)\s+"
     rf"(?P<wd>{_WD})\b", read_weekday_range),
    (rf"(?:(?P<rel>last|this|this\s+past|past)\s+)?(?P<wd>{_WD})\b", read_weekday),
    (rf"by\s+(?P<wd>{_WD})\s+(?:morning|afternoon|evening|night)\b", read_weekday),
    (r"since\s+(?:about\s+|around\s+|roughly\s+)?(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|"
     r"am\b|pm\b|o['’]clock)|(?:early\s+|this\s+)?morning)", read_clock_today),
    # not "from December" of "from December 30 to January 2": a range of days across months
    (rf"{_PRE_EN}(?:(?P<rel>last)\s+)?(?P<mon>{_MON_EN})(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
     rf"(?!\s*{_D}{_ORD_EN}\s*(?:to|and|through|until|till|[-–—])\s*{_MON_EN})", read_month),
    (rf"(?:(?:from|between)\s+)?(?P<mon1>{_MON_EN})\s*(?:to|through|until|and|[-–—])\s*"
     rf"(?P<mon>{_MON_EN}){_YS_EN}", read_month_range),
    (rf"{_PRE_EN}(?:(?P<part>early|mid|late)[-\s]+|the\s+(?P<part2>beginning|start|middle|end|"
     rf"first\s+half|second\s+half)\s+of\s+)(?P<mon>{_MON_EN}){_YS_EN}", read_part_month),
    (rf"{_PRE_EN}(?:(?P<part>early|mid|late)[-\s]+|the\s+(?P<part2>beginning|start|middle|end)\s+"
     rf"of\s+){_YEAR_OF_EN}", read_part_year),
    (rf"{_PRE_EN}(?:(?P<part>early|mid|late)[-\s]+|the\s+(?P<part2>beginning|start|middle|end)\s+"
     r"of\s+)(?P<rel>last|this|(?:the\s+)?previous|the\s+current)\s+month\b", read_part_relmonth),
    (r"(?P<pre>since)\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?:(?P<unit>year|"
     r"month|week|winter|spring|summer|autumn|fall)\b|(?P<y>(?:19|20)\d\d)\b)", read_since_start),
    (r"(?:(?P<pre>in|during|since|over|throughout)\s+(?:the\s+)?|(?P<rel>last|this|this\s+past|"
     r"past)\s+)(?P<season>winter|spring|summer|autumn|fall)(?:\s+(?:of\s+)?"
     r"(?P<y>(?:19|20)\d\d)\b)?", read_season),
    (r"(?P<season>winter|spring|summer|autumn|fall)\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b",
     read_season),
    (r"(?:(?:in|during|over)\s+)?the\s+(?P<q>first|second|third|fourth|final|last)\s+quarter"
     rf"(?:\s+of\s+{_YEAR_OF_EN})?", read_quarter),
    (r"(?:(?:in|during)\s+)?(?P<q>Q[1-4])\s+(?P<y>(?:19|20)\d\d)\b", read_quarter),
    (rf"(?:(?:in|during|over)\s+)?the\s+(?:(?P<fl>first|last|final)\s+)?(?P<n>{_NUM})\s+months\s+"
     rf"of\s+{_YEAR_OF_EN}", read_months_of_year),
    (rf"(?:(?:in|during|over)\s+)?the\s+(?P<half>first|second)\s+half\s+of\s+{_YEAR_OF_EN}",
     read_months_of_year),
    (r"(?:(?P<pre>in|between|from|during|since)\s+)(?P<y1>(?:19|20)\d\d)\s*(?:[-–—]|and|to)\s*"
     r"(?P<y2>(?:19|20)\d\d)\b", read_year),
    (r"(?P<pre>in|since|during|throughout|for|of|from)\s+(?:the\s+year\s+)?"
     r"(?P<y>(?:19|20)\d\d)\b(?![-–—/.,]?\d)(?!\s+(?!(?:and|or|to|when|after|before|the|a|an|for|"
     r"as|while|but|with|at|in|on|by|was|were|had|have|has|is|are|alone|until|that|he|she|"
     r"they|police|authorities)\b)[a-z])", read_year),
    (r"(?P<rd>the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+(?:morning|afternoon|"
     r"evening)|last\s+night|overnight(?!\s+(?:into|to|on)\b))", read_relday),
    (r"(?:(?P<rel>last|this|the\s+previous|previous|earlier\s+this)\s+)(?P<unit>week|month|year|"
     r"quarter)\b", read_relperiod),
    (r"(?:(?:over|at|on|during)\s+the|last|this|this\s+past)\s+weekend", read_weekend),
    (r"(?:at|in)\s+the\s+(?:start|beginning|middle|end)\s+of\s+(?:the\s+)?(?:(?P<rel>last|this|"
     r"previous)\s+)?(?P<unit>week)\b", read_relperiod),
    (rf"(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>{_NUM})\s+|"
     rf"(?P<few>few|several|couple\s+of)\s+)?"
     r"(?P<unit>days?|weeks?|months?|years?|hours?)\b", read_duration),
    (rf"over\s+(?P<n>{_NUM})\s+(?P<unit>days|weeks|months|years)\b", read_duration),
    (rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<ago>ago)", read_duration),
    (r"(?P<ny>New\s+Year['’]?s?\s+(?:Eve|night|Day)|(?:over|during)\s+the\s+New\s+Year\s+"
     r"holidays)", read_new_year),
]
_NUMERIC = [
    (r"(?<![\d.])(?P<y>(?:19|20)\d\d)-(?P<b>\d\d)-(?P<a>\d\d)(?P<iso>)(?![\d-])", read_numeric),
    (r"(?<![\d.,/])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>(?:19|20)?\d\d)(?![\d.]\d)", read_numeric),
]


def _compile(table: list[tuple[str, Handler]]) -> list[tuple[re.Pattern[str], Handler]]:
    # Word edges are added here once rather than in every pattern.
    return [(re.compile(rf"(?<![\w-])(?:{p})(?!\w)", re.IGNORECASE), h) for p, h in table]


_TABLES: dict[str, list[tuple[re.Pattern[str], Handler]]] = {
    "ru": _compile([*_RU, *_NUMERIC]),
    "en": _compile([*_EN, *_NUMERIC, (
        r"(?<![\d.,/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?P<us>)(?![\d/])",
        read_numeric)]),
}
# "on Friday night into Saturday" joins its two days like "Friday to Saturday"
_JOINER = re.compile(r"\s*(?:(?:night|evening)\s+)?(?:и|или|and|or|по|до|to|into|until|till|"
                     r"through|[-–—])\s*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?<!\w)(?:с|со|from|between)\s+$", re.IGNORECASE)
_NIGHT = re.compile(r"(?<!\w)(?:в\s+ночь\s+на|overnight\s+(?:into|to|on))\s+$", re.IGNORECASE)
# "on the night of June 30" is the night that begins on June 30, «в ночь на 30 июня» ends on it
_NIGHT_OF = re.compile(r"(?<!\w)(?:on\s+)?the\s+night\s+of\s+$", re.IGNORECASE)
# "at around midnight last Thursday", «около полуночи в четверг»: the night from that day into
# the next; "just after midnight on Friday", «после полуночи в пятницу»: into that day
_MIDNIGHT = re.compile(r"(?<!\w)(?:(?:at|around|about|shortly|just|(?P<before>before))\s+)*"
                       r"(?:(?P<after>after|past)\s+)?midnight\s+(?:on\s+)?$|"
                       r"(?<!\w)(?:около|(?P<after_ru>после)|до|в)?\s*полу?ноч[ьи]\s+(?:(?:в|во)\s+)?$",
                       re.IGNORECASE)
# A date after these words is a deadline or a boundary, not when something happened.
_DEADLINE = re.compile(r"(?<!\w)(?:до|к|ко|by|until|till|before|after|после|не\s+позднее|"
                       r"no\s+later\s+than)\s+(?:(?:at\s+least|at\s+the\s+earliest|"
                       r"как\s+минимум|по\s+меньшей\s+мере)\s+)?$", re.IGNORECASE)
_MERGEABLE = ("day", "weekday")
# a "since" span longer than this many years compares with the past, it dates no events
_HISTORY_YEARS = 10
# "after Thursday's check": the date names the day of the thing after which, not a boundary
_POSSESSIVE = re.compile(r"['’]s\b")
# "after Friday prayers": a weekday naming the noun after it, not a time of day
_NAMED_BY_DAY = re.compile(
    r"\s+(?!(?:morning|afternoon|evening|night|noon|midday|at|or|and|to|in|on)\b)[a-z]{3,}\b"
)
# "as worshippers left Friday prayers": the weekday names a rite, not a day of the story
_OBSERVANCE = re.compile(r"\s+(?:prayers?|sermons?|services?|worship|mass|namaz)\b",
                         re.IGNORECASE)
_ON_BEFORE = re.compile(r"(?<!\w)on\s+$", re.IGNORECASE)
_BOUND = re.compile(r"(?:by|к)\s", re.IGNORECASE)
# "must leave by Friday morning": a bound in an order or a plan is a deadline
_MODAL = re.compile(r"\b(?:must|will|shall|should|ha(?:ve|s)\s+to|(?:is|are)\s+to|until)\b|"
                    r"(?<!\w)(?:должн\w*|обязан\w*|нужно|надо|предписан\w*)(?!\w)", re.IGNORECASE)
# "Samara Today reported", "KOSTROMA TODAY": an outlet's name, not the day
_NAME_BEFORE = re.compile(r"[A-ZА-ЯЁ][\w.-]*\s+$")
# "a summons ordering him to appear the next day", «повестку с требованием явиться в военкомат
# 5 октября»: the day of an appointment, not of the event that set it
_APPOINTMENT = re.compile(
    r"(?:\bto\s+(?:appear|report|come|turn\s+up|show\s+up)|(?<!\w)(?:явиться|явки|явкой|"
    r"прийти|прибыть|явился\s+бы))\b[^,.;:!?()«»\"]{0,60}$",
    re.IGNORECASE,
)
# a sentence told in the present: "since 10 a.m. police have blocked", «с утра ищут»
_PRESENT_EN = re.compile(r"\b(?:have|has|is|are|am)\b|\bright\s+now\b", re.IGNORECASE)


# Every pattern needs one of these stems or a digit: most sentences have none and skip the
# table (the table costs ~0.3 ms a sentence; this test a few µs).
_TRIGGER = re.compile(
    r"\d|январ|феврал|март|апрел|\bма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    r"понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|вчера|сегодня|недел|месяц|утр|"
    r"год|квартал|ноч|зим|весн|лет|осен|выходн|сутк|суток|дн[яе]|день|час|полугоди|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|week|month|year|quarter|night|"
    r"winter|spring|summer|autumn|fall|today|tonight|morning|afternoon|evening|hour|half",
    re.IGNORECASE)


def _candidates(text: str, lang: Lang) -> list[_Found]:
    raw: list[tuple[int, int, int, str, Resolver, bool]] = []
    if not _TRIGGER.search(text):
        return []
    for order, (pattern, handler) in enumerate(_TABLES[lang]):
        for m in pattern.finditer(text):
            groups: Groups = m.groupdict()
            got = handler(groups)
            if got is not None and m.end() > m.start():
                has_year = bool(groups.get("y") or groups.get("y1"))
                raw.append((m.start(), m.end(), order, got[0], got[1], has_year))
    raw.sort(key=lambda r: (r[0] - r[1], r[0], r[2]))  # longest first, then leftmost
    chosen: list[_Found] = []
    for start, stop, _order, kind, resolve, has_year in raw:
        if all(stop <= f.start or f.stop <= start for f in chosen):
            chosen.append(_Found(start, stop, kind, resolve, has_year))
    return sorted(chosen, key=lambda f: f.start)


def _merge(a: _Found, b: _Found) -> _Found:
    def resolve(base: date | None) -> Resolved | None:
        last = b.resolve(base)
        if last is None:
            return None
        first = a.resolve(base if a.has_year else last[1])
        if first is None or first[0] > last[1]:
            return None
        return first[0], last[1], "day"

    return _Found(a.start, b.stop, "day", resolve, a.has_year or b.has_year)


def _combine(text: str, found: list[_Found]) -> list[_Found]:
    """Joins neighbours into ranges, applies "в ночь на", drops deadlines."""
    out: list[_Found] = []
    merged: set[int] = set()
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in _MERGEABLE and f.kind in _MERGEABLE:
            between = text[prev.stop : f.start]
            if prev.kind == "weekday" and f.kind == "day" and re.fullmatch(r",?\s*", between):
                out[-1] = replace(f, start=prev.start)  # "Friday, February 14"
                continue
            if _JOINER.fullmatch(between):
                joined = _merge(prev, f)
                opener = _RANGE_OPENER.search(text, 0, prev.start)
                if opener:
                    joined = replace(joined, start=opener.start())
                out[-1] = joined
                merged.add(joined.start)
                continue
        out.append(f)
    result: list[_Found] = []
    for f in out:
        if f.kind in _MERGEABLE:
            night = _NIGHT.search(text, 0, f.start)
            night_of = _NIGHT_OF.search(text, 0, f.start)
            midnight = _MIDNIGHT.search(text, 0, f.start)
            if night:
                f = replace(f, start=night.start(), resolve=shift_start(f.resolve, 1))
            elif midnight and (midnight.group("after") or midnight.group("after_ru")):
                f = replace(f, start=midnight.start(), resolve=shift_start(f.resolve, 1))
            elif midnight:
                f = replace(f, start=midnight.start(), resolve=shift_end(f.resolve, 1))
            elif night_of:
                f = replace(f, start=night_of.start(), resolve=_night_after(f.resolve))
        if (
            f.start not in merged
            and f.kind != "since"
            and _DEADLINE.search(text, 0, f.start)
            and not _POSSESSIVE.match(text, f.stop)
            and not (f.kind == "weekday" and _NAMED_BY_DAY.match(text, f.stop))
        ):
            continue
        result.append(f)
    return result


def _night_after(resolver: Resolver) -> Resolver:
    """ "the night of June 4" runs into June 5; "the night of June 4 to 5" names both days."""
    def resolve(base: date | None) -> Resolved | None:
        got = resolver(base)
        if got is None or got[0] != got[1]:
            return got
        return shift_end(resolver, 1)(base)

    return resolve


def names_rite(sentence: Sentence, found: DateRange) -> bool:
    """ "as worshippers left Friday prayers": the weekday names a rite; beside another date
    of the sentence ("in late January") it is not the event's day (claims.py)."""
    if found.span is None or found.precision != "day" or not _bare_weekday(found.text):
        return False
    lo, hi = found.span.start - sentence.start, found.span.stop - sentence.start
    text = sentence.text
    return bool(_OBSERVANCE.match(text, hi)) and not _ON_BEFORE.search(text, 0, lo)


def is_bound(found: DateRange) -> bool:
    """ "by Friday evening", «к вечеру среды»: when a thing was done by; it dates that
    thing, but the story does not move on to that day."""
    return bool(_BOUND.match(found.text or ""))


def is_appointment(before: str) -> bool:
    """Whether a time expression after ``before`` (its sentence up to it) dates the appointment
    a summons or an order set ("ordering him to appear the next day"), not the event."""
    return bool(_APPOINTMENT.search(before))


def _bare_weekday(text: str | None) -> bool:
    return (text or "").strip().lower() in WEEKDAYS


def _outlet(text: str, f: _Found) -> bool:
    words = text[f.start : f.stop]
    return words[:1].isupper() and words.lower() == "today" and bool(
        _NAME_BEFORE.search(text, 0, f.start))


def _extract(
    text: str, lang: Lang, published: date | None, *, present: bool = False
) -> list[DateRange]:
    ranges: list[DateRange] = []
    found = [f for f in _combine(text, _candidates(text, lang)) if not _outlet(text, f)]
    if _MODAL.search(text):
        found = [f for f in found if not _BOUND.match(text, f.start)]
    if len(found) > 1 or not present:
        # a time of day dates the publication day only in a sentence told as it goes on
        found = [f for f in found if f.kind != "clock"]
    for f in found:
        if is_appointment(text[: f.start]):
            continue
        got = f.resolve(published)
        if got is None or got[0] > got[1]:
            continue
        if f.kind == "since" and got[1].year - got[0].year > _HISTORY_YEARS:
            continue  # "the first mobilisation Russia has seen since 1945": history, not a period
        words = text[f.start : f.stop]
        ranges.append(DateRange(got[0], got[1], got[2], words, Span(f.start, f.stop, words)))
    return ranges


def extract_dates(sentence: Sentence, lang: Lang, published: date | None) -> list[DateRange]:
    """Every time expression in ``sentence`` resolved against ``published``, in text
    order, with spans in document offsets."""
    out = []
    if lang == "en":
        present = bool(_PRESENT_EN.search(sentence.text))
    else:
        present = any(t.feat("Tense") == "Pres" and t.pos in ("VERB", "AUX")
                      for t in sentence.tokens)
    for r in _extract(sentence.text, lang, published, present=present):
        assert r.span is not None
        span = Span(sentence.start + r.span.start, sentence.start + r.span.stop, r.span.text)
        out.append(replace(r, span=span))
    return out


def parse_date(text: str, lang: Lang, published: date | None) -> DateRange | None:
    """One phrase ("с 12 по 25 ноября") as a range: the table's longest reading, else
    dateparser's (offline, past-preferring, ``lang`` only)."""
    found = _extract(text, lang, published)
    if found:
        return max(found, key=lambda r: len(r.text or ""))
    return _dateparser_range(text, lang, published)


_DATEPARSER_PARSERS = ["relative-time", "absolute-time"]  # no timestamps: "1054" is a count


def _dateparser_range(text: str, lang: Lang, published: date | None) -> DateRange | None:
    has_year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", text) is not None
    if published is None and not has_year:
        return None  # anything else would be resolved against today's clock
    if not has_year and not any(w.lower().rstrip(".") in MONTHS for w in re.findall(r"\w+", text)):
        return None  # times of day and bare numbers are not dates
    from dateparser.date import DateDataParser

    # RELATIVE_BASE is a construction-time setting, so one parser per call: this fallback
    # runs only for phrases the table does not know.
    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    parser = DateDataParser(languages=[lang], settings={
        "PREFER_DATES_FROM": "past", "PARSERS": _DATEPARSER_PARSERS,
        "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": base})
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input: not a date then
        return None
    when = data.date_obj.date() if data and data.date_obj else None
    if when is None or not 1900 <= when.year <= 2100:
        return None
    period = data.period or "day"
    if period == "time":
        return None
    precision: DatePrecision
    if period == "year":
        start, end, precision = date(when.year, 1, 1), date(when.year, 12, 31), "year"
    elif period == "month":
        (start, end), precision = cal.month_period(when.year, when.month), "month"
    elif period == "week":
        (start, end), precision = cal.week_of(when), "week"
    else:
        start = end = when
        precision = "day"
    return DateRange(start, end, precision, text, Span(0, len(text), text))
