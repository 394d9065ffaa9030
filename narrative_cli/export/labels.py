"""The few words an export prints itself, in the book's language (English otherwise)."""

from __future__ import annotations

LABELS = {
    "en": {"chapter": "Chapter", "contents": "Contents", "cover": "Cover", "title": "Title page",
           "start": "Start of content", "by": "by", "words": "words", "end": "END"},
    "de": {"chapter": "Kapitel", "contents": "Inhalt", "cover": "Umschlag", "title": "Titelseite",
           "start": "Textbeginn", "by": "von", "words": "Wörter", "end": "ENDE"},
    "fr": {"chapter": "Chapitre", "contents": "Table des matières", "cover": "Couverture",
           "title": "Page de titre", "start": "Début du texte", "by": "par", "words": "mots", "end": "FIN"},
    "es": {"chapter": "Capítulo", "contents": "Índice", "cover": "Cubierta", "title": "Portada",
           "start": "Inicio del texto", "by": "de", "words": "palabras", "end": "FIN"},
    "it": {"chapter": "Capitolo", "contents": "Indice", "cover": "Copertina", "title": "Frontespizio",
           "start": "Inizio del testo", "by": "di", "words": "parole", "end": "FINE"},
    "nl": {"chapter": "Hoofdstuk", "contents": "Inhoud", "cover": "Omslag", "title": "Titelpagina",
           "start": "Begin van de tekst", "by": "door", "words": "woorden", "end": "EINDE"},
    "pt": {"chapter": "Capítulo", "contents": "Sumário", "cover": "Capa", "title": "Folha de rosto",
           "start": "Início do texto", "by": "de", "words": "palavras", "end": "FIM"},
}


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language.split("-")[0].lower(), LABELS["en"])
