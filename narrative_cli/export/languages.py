"""What an export needs to know about the book's script, decided here once from the
primary subtag of narrative.yaml `language:` (BCP 47): its writing direction, whether
it is written without spaces between words, and the full tag Word expects."""

from __future__ import annotations

# Languages written right to left (Arabic and Hebrew scripts, Thaana for Dhivehi).
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})
# A region for Word's complex-script and East Asian proofing languages when the tag has none.
WORD_REGIONS = {"ar": "ar-SA", "he": "he-IL", "fa": "fa-IR", "ur": "ur-PK", "yi": "yi-001", "ps": "ps-AF",
                "sd": "sd-Arab-PK", "ug": "ug-CN", "dv": "dv-MV", "ckb": "ckb-IQ",
                "ja": "ja-JP", "zh": "zh-CN", "ko": "ko-KR"}
# Written without spaces between words (Korean is spaced).
UNSPACED_LANGUAGES = frozenset({"ja", "zh"})


def primary(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower()


def is_rtl(language: str) -> bool:
    return primary(language) in RTL_LANGUAGES


def is_unspaced(language: str) -> bool:
    return primary(language) in UNSPACED_LANGUAGES


def word_language(language: str) -> str:
    """`ar` -> `ar-SA`: Word picks proofing tools and fonts by a tag with a region; a tag
    that already has more than the primary subtag is kept as written."""
    if "-" in language:
        return language
    return WORD_REGIONS.get(primary(language), language)
