"""The HTML reader keeps the article and drops what surrounds it; pages and texts have limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khronika.clean import MAX_MARKUP, MAX_TEXT, clean_document
from khronika.clean.boilerplate import fill_interior, markup_size
from khronika.errors import TooLarge
from khronika.model import RawDocument

# (what the case is about, default extraction, precision-mode extraction, expected text)
FILL_CASES = [
    (
        "an interior subheading dropped by precision mode comes back",
        "Raid at a market\nPolice detained traders.\nWhat the lawyers say\nA lawyer objected.",
        "Police detained traders.\nA lawyer objected.",
        "Police detained traders.\nWhat the lawyers say\nA lawyer objected.",
    ),
    (
        "a headline before and related links after stay cut",
        "Облава в Подольске\nПолиция задержала рабочих.\nИх увезли в отдел.\n"
        "Читайте также\nСнег на выходных",
        "Полиция задержала рабочих.\nИх увезли в отдел.",
        "Полиция задержала рабочих.\nИх увезли в отдел.",
    ),
    (
        "a cited link inside the article comes back",
        "Первый абзац репортажа о проверке.\nhttps://example.ru/source\nВторой абзац.",
        "Первый абзац репортажа о проверке.\nВторой абзац.",
        "Первый абзац репортажа о проверке.\nhttps://example.ru/source\nВторой абзац.",
    ),
    (
        "precision mode keeping almost nothing loses to the default",
        "A long first paragraph about the detentions.\nA second paragraph.\nA third.",
        "Share this",
        "A long first paragraph about the detentions.\nA second paragraph.\nA third.",
    ),
    ("nothing from precision mode: the default", "Только этот абзац.", "", "Только этот абзац."),
    ("both agree", "One.\nTwo.", "One.\nTwo.", "One.\nTwo."),
]


@pytest.mark.parametrize(
    ("full", "precise", "expected"),
    [case[1:] for case in FILL_CASES],
    ids=[case[0] for case in FILL_CASES],
)
def test_clean_fill_interior(full: str, precise: str, expected: str) -> None:
    assert fill_interior(full, precise) == expected


_LINES = st.lists(st.sampled_from(["a", "b", "c", "Заголовок", "Абзац.", "x y"]), max_size=12)


@given(full=_LINES, precise=_LINES)
def test_clean_fill_interior_only_reuses_lines(full: list[str], precise: list[str]) -> None:
    result = fill_interior("\n".join(full), "\n".join(precise))
    assert set(result.split("\n")) <= set(full) | set(precise) | {""}
    assert fill_interior("\n".join(full), "\n".join(full)) == "\n".join(full)


@given(html=st.text(alphabet="<>/!-scriptylev abc", max_size=300))
def test_clean_markup_size_is_within_the_page(html: str) -> None:
    assert 0 <= markup_size(html) <= len(html)


@pytest.mark.parametrize(
    ("html", "size"),
    [
        ("<p>text</p>", 11),
        ("<p>a</p><script>var x = '<p>';</script>", 8),
        ("<STYLE>p { color: red }</Style ><!-- note -->b", 1),
        ("<p>a</p><script>never closed <p>b</p>", 8),
    ],
)
def test_clean_markup_size_leaves_out_scripts_styles_comments(html: str, size: int) -> None:
    assert markup_size(html) == size


RU_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>Рейд на стройке в Казани — Городские вести</title></head><body>
<header><nav><a href="/">Главная</a> <a href="/news">Новости</a> <a href="/sport">Спорт</a></nav>
</header><main><article><h1>Рейд на стройке в Казани</h1>
<p>Во вторник сотрудники полиции и миграционной службы провели рейд на строительной площадке
на окраине Казани. По словам рабочих, к воротам подъехали три автобуса.</p>
<p>Как рассказали очевидцы, задержаны около сорока иностранных граждан. Их доставили в отдел
полиции для проверки документов, часть отпустили к вечеру.</p>
<h2>Повестки в отделе</h2>
<p>Нескольким задержанным, получившим российское гражданство, в отделе вручили повестки в
военкомат. Юрист правозащитной организации назвал это давлением на людей.</p>
<p>В пресс-службе МВД по республике происходящее комментировать не стали.</p></article>
<section class="related"><h3>Читайте также</h3><ul>
<li><a href="/a">Мэр открыл новый парк у реки</a></li>
<li><a href="/b">Пробки в центре города достигли девяти баллов</a></li></ul></section>
<div class="newsletter"><p>Подпишитесь на рассылку: главные новости дня каждое утро.</p>
<form><input type="email"><button>Подписаться</button></form></div>
<div id="comments"><p>Иван: вот это новости, ужас какой-то.</p></div>
</main><footer><p>© 2025 Городские вести. Все права защищены.</p></footer></body></html>"""

EN_PAGE = """<!doctype html><html><head><title>Draft officers at a hostel</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Draft officers at a hostel</h1>
<p>Officers from the enlistment office arrived at a workers' hostel in Yekaterinburg early on
Saturday, residents told a regional news site, and checked the papers of everyone inside.</p>
<p>At least fifteen men who had recently received Russian citizenship were handed summonses,
according to a lawyer who later spoke to several of them.</p>
<p>The regional police said the check was routine and declined to give numbers.</p></article>
<aside class="related-posts"><h4>More from us</h4><ul>
<li><a href="/1">Ten gadgets to buy this winter</a></li>
<li><a href="/2">The best pizza in town, ranked</a></li></ul></aside>
<div class="comments"><p>Reader: this keeps happening every month.</p></div>
<footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"""


@pytest.mark.parametrize(
    ("page", "kept", "dropped"),
    [
        (
            RU_PAGE,
            ["задержаны около сорока", "Повестки в отделе", "комментировать не стали"],
            ["Читайте также", "новый парк", "Подпишитесь", "Иван:", "Все права", "Главная"],
        ),
        (
            EN_PAGE,
            ["checked the papers", "fifteen men", "declined to give numbers"],
            ["More from us", "pizza", "Reader:", "Copyright", "Home"],
        ),
    ],
    ids=["ru", "en"],
)
def test_clean_page_keeps_the_article_only(page: str, kept: list[str], dropped: list[str]) -> None:
    doc = clean_document(RawDocument(source="page.html", body=page.encode(), kind="html"))
    positions = [doc.text.index(piece) for piece in kept]
    assert positions == sorted(positions)
    for piece in dropped:
        assert piece not in doc.text


def test_clean_text_over_the_limit_is_too_large() -> None:
    body = "Полиция задержала рабочих на рынке. " * (MAX_TEXT // 30)
    with pytest.raises(TooLarge, match="characters of text") as caught:
        clean_document(RawDocument(source="book.txt", body=body, kind="text"))
    assert caught.value.stage == "clean" and caught.value.path == "book.txt"


def test_clean_page_markup_over_the_limit_is_too_large() -> None:
    page = "<html><body>" + "<p>filler</p>" * (MAX_MARKUP // 13 + 1) + "</body></html>"
    with pytest.raises(TooLarge, match="markup"):
        clean_document(RawDocument(source="huge.html", body=page, kind="html"))


def test_clean_page_large_only_by_its_scripts_is_read() -> None:
    script = "<script>var data = '" + "x" * (MAX_MARKUP + 1000) + "';</script>"
    page = EN_PAGE.replace("</head>", script + "</head>")
    doc = clean_document(RawDocument(source="heavy.html", body=page, kind="html"))
    assert "fifteen men" in doc.text and "var data" not in doc.text
