"""The few words an export prints itself, in the book's language (English otherwise).

`chapter` and `by` are placed before the number and the name unless a language gives
`chapter_n` / `by_n` patterns of its own (Japanese 第3章, 山田太郎 著); `about_n` is the
manuscript word count (English "about 8,200 words" otherwise).
"""

from __future__ import annotations

import re

BARE_NUMERAL = re.compile(r"[IVXLCDM]+|\d+")

LABELS = {
    "en": {"chapter": "Chapter", "contents": "Contents", "cover": "Cover", "title": "Title page",
           "start": "Start of content", "by": "by", "words": "words", "end": "END", "landmarks": "Landmarks"},
    "de": {"chapter": "Kapitel", "contents": "Inhalt", "cover": "Umschlag", "title": "Titelseite",
           "start": "Textbeginn", "by": "von", "words": "Wörter", "end": "ENDE", "landmarks": "Orientierungspunkte"},
    "fr": {"chapter": "Chapitre", "contents": "Table des matières", "cover": "Couverture",
           "title": "Page de titre", "start": "Début du texte", "by": "par", "words": "mots", "end": "FIN",
           "landmarks": "Repères"},
    "es": {"chapter": "Capítulo", "contents": "Índice", "cover": "Cubierta", "title": "Portada",
           "start": "Inicio del texto", "by": "de", "words": "palabras", "end": "FIN",
           "landmarks": "Puntos de referencia"},
    "it": {"chapter": "Capitolo", "contents": "Indice", "cover": "Copertina", "title": "Frontespizio",
           "start": "Inizio del testo", "by": "di", "words": "parole", "end": "FINE",
           "landmarks": "Punti di riferimento"},
    "nl": {"chapter": "Hoofdstuk", "contents": "Inhoud", "cover": "Omslag", "title": "Titelpagina",
           "start": "Begin van de tekst", "by": "door", "words": "woorden", "end": "EINDE",
           "landmarks": "Oriëntatiepunten"},
    "pt": {"chapter": "Capítulo", "contents": "Sumário", "cover": "Capa", "title": "Folha de rosto",
           "start": "Início do texto", "by": "de", "words": "palavras", "end": "FIM",
           "landmarks": "Pontos de referência"},
    "ar": {"chapter": "الفصل", "contents": "المحتويات", "cover": "الغلاف", "title": "صفحة العنوان",
           "start": "بداية النص", "by": "بقلم", "words": "كلمة", "end": "النهاية",
           "about_n": "حوالي {n} كلمة", "landmarks": "معالم الكتاب"},
    "fa": {"chapter": "فصل", "contents": "فهرست", "cover": "جلد", "title": "صفحهٔ عنوان",
           "start": "آغاز متن", "by": "نوشتهٔ", "words": "واژه", "end": "پایان",
           "about_n": "حدود {n} واژه", "landmarks": "نشانه‌ها"},
    "he": {"chapter": "פרק", "contents": "תוכן העניינים", "cover": "כריכה", "title": "עמוד השער",
           "start": "תחילת הטקסט", "by": "מאת", "words": "מילים", "end": "סוף",
           "about_n": "כ־{n} מילים", "landmarks": "ציוני דרך"},
    "ja": {"chapter": "章", "chapter_n": "第{n}章", "contents": "目次", "cover": "表紙", "title": "扉",
           "start": "本文", "by": "著", "by_n": "{name} 著", "words": "字", "end": "完", "about_n": "約{n}字",
           "landmarks": "ランドマーク"},
    "zh": {"chapter": "章", "chapter_n": "第{n}章", "contents": "目录", "cover": "封面", "title": "扉页",
           "start": "正文", "by": "著", "by_n": "{name} 著", "words": "字", "end": "完", "about_n": "约{n}字",
           "landmarks": "地标"},
    "ko": {"chapter": "장", "chapter_n": "제{n}장", "contents": "차례", "cover": "표지", "title": "속표지",
           "start": "본문", "by": "지음", "by_n": "{name} 지음", "words": "자", "end": "끝", "about_n": "약 {n}자",
           "landmarks": "랜드마크"},
}


def labels(language: str) -> dict[str, str]:
    from narrative_cli.export.languages import primary

    return LABELS.get(primary(language), LABELS["en"])


def chapter_label(words: dict[str, str], number: int) -> str:
    """`Chapter 3`, `الفصل 3`, `第3章`."""
    pattern = words.get("chapter_n")
    return pattern.format(n=number) if pattern else f"{words['chapter']} {number}"


def chapter_name(chapter) -> str:
    """`Chapter 3: The Road` in contents and document titles, `II. The Mail` under a bare numeral;
    `Chapter 3` (or the author's own label, `Letter IV`) when untitled."""
    return heading_name(chapter.label, chapter.title)


def heading_name(label: str, title: str) -> str:
    if not title:
        return label
    if label.endswith((".", ":")):
        return f"{label} {title}"
    return f"{label}{'. ' if BARE_NUMERAL.fullmatch(label) else ': '}{title}"


def byline(words: dict[str, str], name: str) -> str:
    """`by Ada Quill`, `山田太郎 著`."""
    pattern = words.get("by_n")
    return pattern.format(name=name) if pattern else f"{words['by']} {name}"


def about_words(words: dict[str, str], count: str) -> str:
    """`about 8,200 words`, `約8,200字` (count already rounded and formatted)."""
    pattern = words.get("about_n")
    return pattern.format(n=count) if pattern else f"about {count} {words['words']}"
