"""narrative.yaml: project metadata, export defaults and check settings."""

from __future__ import annotations

import datetime as _dt

from typing import Literal

from pydantic import Field, field_validator, model_validator

from narrative_cli.model.common import Strict, Text
from narrative_cli.model.scene import RuleLevel, Status

FORMAT_VERSION = 1
BCP47 = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
UUID_URN = r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class Contact(Strict):
    name: Text | None = Field(None, description="legal name, if it differs from the byline")
    surname: Text | None = Field(None, description="for the manuscript-format running header, when the byline's last word is not it")
    address: list[Text] = Field(default_factory=list, description="postal address, one line per item")
    email: Text | None = Field(None, description="email address")
    phone: Text | None = Field(None, description="telephone number")
    website: Text | None = Field(None, description="web address")

    @field_validator("address", mode="before")
    @classmethod
    def _one_line(cls, value):
        return [value] if isinstance(value, str) else value


class DocxOptions(Strict):
    manuscript_format: bool = Field(False, description="Shunn standard manuscript format")
    include_toc: bool = Field(True, description="a table of contents after the title page")
    include_author: bool = Field(True, description="the author on the title page")
    font: Literal["times", "courier"] = Field("times", description="manuscript-format font")


class EpubOptions(Strict):
    include_toc: bool = Field(True, description="a printed table of contents page (nav.xhtml is always there)")


class PrintOptions(Strict):
    """The print interior (`narrative export pdf`)."""

    trim: Text = Field("6x9", description="page size: 5x8, 5.25x8, 5.5x8.5, 6x9, 7x10, 8.5x11, a5, or WxH in in or mm")
    chapter_start: Literal["right", "any"] = Field("right", description="chapters open on a right-hand page, or the next page")
    include_toc: bool = Field(False, description="a contents page after the copyright page")
    include_author: bool = Field(True, description="the author on the title page")
    lead_in: Literal["none", "small-caps"] = Field(
        "none", description="how a chapter's first paragraph opens: plain, or its first words in small caps")
    font_size: float = Field(11, ge=8, le=14, description="body text size in points")
    manuscript_format: bool = Field(False, description="a PDF of the standard manuscript instead of a book interior")
    font: Literal["times", "courier"] = Field("times", description="manuscript-format font")


class Profile(Strict):
    """A named set of export options; any flag of `narrative export` may be set here."""

    format: Literal["docx", "epub", "md", "pdf"] = Field(description="output format")
    output: Text | None = Field(None, description="output file, relative to the project")
    manuscript_format: bool | None = Field(None, description="DOCX: Shunn manuscript format")
    include_toc: bool | None = Field(None, description="table of contents")
    include_author: bool | None = Field(None, description="author on the title page")
    font: Literal["times", "courier"] | None = Field(None, description="manuscript-format font")
    status: Status | None = Field(None, description="only scenes at or above this status")
    chapters: Text | None = Field(None, description="chapter selection like 1-3,7")
    smart_typography: bool | None = Field(None, description="curly quotes, dashes, ellipses")
    dashes: Literal["en", "em"] | None = Field(None, description="what `--` becomes: en dash or em dash")
    trim: Text | None = Field(None, description="PDF, book DOCX: page size like 6x9, a5 or 152x229mm")
    chapter_start: Literal["right", "any"] | None = Field(None, description="PDF: chapters open on a right-hand page or any")
    lead_in: Literal["none", "small-caps"] | None = Field(None, description="PDF: a chapter's first words")
    font_size: float | None = Field(None, ge=8, le=14, description="PDF: body text size in points")


class ExportSettings(Strict):
    docx: DocxOptions = Field(default_factory=DocxOptions, description="DOCX defaults")
    epub: EpubOptions = Field(default_factory=EpubOptions, description="EPUB defaults")
    smart_typography: bool = Field(True, description="curly quotes, dashes and ellipses on export")
    dashes: Literal["en", "em"] = Field(
        "en", description="what `--` becomes: an en dash (`---` is the em dash), or an em dash as on a typewriter")
    profiles: dict[str, Profile] = Field(default_factory=dict, description="named option sets")


class ProgressGoals(Strict):
    deadline: _dt.date | None = Field(None, description="the date the draft is due (YYYY-MM-DD), for `progress`")
    daily: int | None = Field(None, gt=0, description="the words a day you aim for, for `progress`")


class ProjectConfig(Strict):
    format: int = Field(description="project format version; this narrative reads 1")
    title: Text = Field(min_length=1, description="the book's title")
    subtitle: Text | None = Field(None, description="optional subtitle")
    author: Text | None = Field(None, description="the byline (or use `authors`)")
    authors: list[Text] = Field(default_factory=list, description="several bylines")
    language: str = Field("en", pattern=BCP47, description="BCP 47 language tag")
    identifier: str = Field(pattern=UUID_URN, description="urn:uuid:..., set once by `narrative init`")
    description: Text | None = Field(None, description="used in EPUB metadata")
    rights: Text | None = Field(None, description="copyright line")
    cover: Text | None = Field(None, description="cover image path inside the project")
    scene_break: Text = Field("* * *", description="printed between scenes")
    contact: Contact | None = Field(None, description="manuscript-format title page block")
    word_target: int | None = Field(None, gt=0, description="the book's length in words, for stats and progress")
    progress: ProgressGoals = Field(default_factory=ProgressGoals, description="deadline and daily goal")
    export: ExportSettings = Field(default_factory=ExportSettings, description="export defaults")
    print: PrintOptions = Field(default_factory=PrintOptions, description="print interior (PDF) defaults")
    check: dict[str, RuleLevel] = Field(default_factory=dict, description="rule code -> off|warning|error")

    @model_validator(mode="after")
    def _needs_author(self):
        if not self.author and not self.authors:
            raise ValueError("missing required key 'author' (or 'authors')")
        return self

    @property
    def all_authors(self) -> list[str]:
        return self.authors or ([self.author] if self.author else [])
