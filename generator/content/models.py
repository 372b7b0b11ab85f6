"""The shape of every kind of record under ``rubrics/``, one class per kind.

Unknown keys are rejected (``extra="forbid"``) so that a misspelt field is an error,
not a silently ignored line. Rules that span several records (sums, uniqueness,
references) live in ``validate.py``; rules about a single value live here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema, WrapValidator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_TEXT = 5000
BE_YEAR_MIN, BE_YEAR_MAX = 2540, 2700
CE_OFFSET = 543  # 2566 BE = 2023 CE

_THAI = re.compile(r"[\u0E00-\u0E7F]")
_LATIN = re.compile(r"[A-Za-z]")
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]{0,40}>?")


# An explicit "still to be filled in" value (``lertrat new-year`` writes it where a new
# programme year must be reviewed). It is accepted where noted and reported as a warning.
TODO = "TODO"


def _or_todo(value: object, handler):
    return TODO if value == TODO else handler(value)


def _todo_schema(schema: dict) -> WithJsonSchema:
    return WithJsonSchema({"anyOf": [schema, {"const": TODO, "description": "A placeholder still to be filled in."}]})


# A year still being prepared (``lertrat new-year`` starts one so): see drafts.py.
DRAFT = (
    "true while this year is being prepared: lertrat build leaves it out of the site, lertrat serve shows it marked as a draft. "
    "It can be set to false (or removed) only when no TODO is left in its files."
)


Status = Literal["new", "unchanged", "revised", "TODO"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _plain_text(value: str) -> str:
    if not value.strip():
        raise ValueError(f"found {'only spaces' if value else 'an empty text'}, expected words")
    tag = _TAG.search(value)
    if tag:
        raise ValueError(f"found HTML markup ({tag.group(0)!r}); expected plain text without tags (pages show text exactly as written)")
    return value


def _english(value: str) -> str:
    # Thai may be quoted inside English (a name, an OCR reading), but English must dominate.
    thai = len(_THAI.findall(value))
    latin = len(_LATIN.findall(value))
    if thai > latin:
        raise ValueError("the English text is mostly Thai; expected an English translation (Thai may only be quoted inside it)")
    return value


PlainText = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_plain_text)]
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=60),
    Field(description="A stable id: lowercase letters a-z, digits and hyphens. It becomes part of the page address."),
]
Points = Annotated[int, Field(ge=0, le=1000, strict=False, description="Points, a whole number, 0 or more.")]
Order = Annotated[int, Field(ge=1, le=99, description="Position in lists and navigation, 1 first.")]
BEYear = Annotated[int, Field(ge=BE_YEAR_MIN, le=BE_YEAR_MAX, description="A Buddhist Era year (2566 = 2023 CE).")]


class Text(Model):
    """A human-readable text in Thai and English."""

    th: Annotated[PlainText, Field(description="Thai text")]
    en: Annotated[PlainText, AfterValidator(_english), Field(description="English text")]


class Source(Model):
    """Where a record comes from: a document of the register and the part of it, shown on the page."""

    document: Annotated[str, StringConstraints(min_length=1, max_length=200), Field(description="Id of the official document in rubrics/documents.yaml.")]
    section: Annotated[PlainText, Field(description="The heading or slide in the source document.")]
    page: Annotated[int | None, Field(ge=1, description="Page or slide number, when known.")] = None


class Note(Text):
    """A note on a record. Readers' notes are shown, briefly, on the page; editors' notes
    (OCR repairs, transcription and translation decisions) are listed only on the staff page."""

    kind: Annotated[
        Literal["reader", "editor"],
        Field(description="reader: shown on the page (a contradiction that changes what an applicant should do, a figure the source does not give); editor: OCR repairs, transcription and translation decisions, kept off public pages, print and search."),
    ]


Notes = Annotated[list[Note], Field(description="Notes on this record, each of kind reader (shown on the page) or editor (staff page only).")]


class Band(Model):
    """One step of a scoring scale: what earns how many points."""

    text: Text
    points: Points


class Part(Model):
    """A scored sub-criterion of a question (its points add up to the question's)."""

    text: Text
    points: Points
    bands: list[Band] = []


class Question(Model):
    """A question or criterion of a rubric dimension."""

    heading: Text | None = Field(default=None, description="A sub-heading shown before this question (groups the questions that follow).")
    text: Text
    points: Points | None = None
    guidance: Text | None = None
    items: Annotated[list[Text], Field(description="Unscored sub-items (e.g. 4.1-4.4), numbered under the question.")] = []
    parts: list[Part] = []
    bands: list[Band] = []
    numbered: bool = Field(default=True, description="False where the source gives this question no number (it is then not counted in the numbering).")
    notes: Notes = []


class Dimension(Model):
    """A scored dimension (มิติ) of a rubric."""

    id: Slug
    name: Text
    points: Points
    questions: Annotated[list[Question], Field(min_length=1)]
    notes: Notes = []


class Bonus(Model):
    """Extra points given on top of the rubric total."""

    id: Slug
    text: Text
    points: Points
    guidance: Text | None = None
    number: Annotated[int | None, Field(ge=1, le=99, description="The item number the source gives it, where it numbers the bonus with the questions.")] = None


class Rubric(Model):
    """The scoring criteria of an award type."""

    total: Annotated[Points, Field(description="Full marks; the dimensions' points must add up to it.")]
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    bonus: list[Bonus] = []


class Condition(Model):
    """A condition an applicant must meet."""

    id: Slug
    text: Text
    why: Text | None = Field(default=None, description="A short explanation for the eligibility checklist.")
    blanks: Annotated[list[Text], Field(description="Lines to fill in under this item on the checklist, as the form has them (e.g. 'in use since').")] = []


class CalculationInput(Model):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Z]$"), Field(description="A single capital letter used in the formula.")]
    label: Text
    unit: Text
    rate: Annotated[Decimal | None, Field(gt=0, description="Baht per unit, when the input is converted to baht.")] = None
    rate_unit: Text | None = None
    notes: Notes = []


class Calculation(Model):
    """A formula given by the source, e.g. the facilitation type's cost-value assessment."""

    name: Text
    inputs: Annotated[list[CalculationInput], Field(min_length=1)]
    formula: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9+*()\s.-]+$"), Field(description="Arithmetic over the input letters, e.g. '(A + B + C) * D'.")]
    result: Text
    result_unit: Text | None = Field(default=None, description="The unit of the result (e.g. baht), shown by the calculator.")


class Term(Model):
    """A concept the pages explain (e.g. the Inform / Consult / Involve / Collaborate levels)."""

    id: Slug
    name: Text
    text: Text


class ProcessStep(Model):
    """A step of the assessment process, with how it changed from the previous year."""

    id: Slug
    name: Text
    text: Text
    before: Text | None = Field(default=None, description="What the step was before, when the source shows the old process.")
    status: Status = "unchanged"


class IndicatorGroup(Model):
    """A group of result indicators (e.g. PMQA category 7 dimensions), with its earlier form."""

    id: Slug
    name: Text
    indicators: Annotated[list[Text], Field(min_length=1)]
    before_name: Text | None = None
    before_indicators: list[Text] = []
    notes: Notes = []


class AwardType(Model):
    """An award type (ประเภทรางวัล) of a branch in one programme year."""

    id: Slug
    order: Order
    name: Text
    status: Annotated[
        Literal["new", "unchanged", "revised", "unmarked", "TODO"],
        Field(description="As the source marks it, relative to the year before; 'unmarked' when the source does not say (pages then show no badge); TODO: not yet reviewed."),
    ]
    previous_id: Slug | None = Field(
        default=None,
        description="The id this type had in the programme year before it in the data, when the id changed (a renamed type).",
    )
    definition: Text | None = Field(default=None, description="The source's definition of the type; left out when the source gives none (say so in a reader note).")
    target_group: Text | None = Field(default=None, description="Who this type is for (กลุ่มเป้าหมาย).")
    administered_by: Text | None = Field(default=None, description="When another office runs this type, its name.")
    criteria: Annotated[list[Condition], Field(description="What a work must show to receive the award (เกณฑ์การพิจารณารางวัล).")] = []
    eligibility: Annotated[list[Condition], Field(description="Who may apply for this type (ประเภทของหน่วยงานที่สมัคร).")] = []
    conditions: Annotated[list[Condition], Field(description="Conditions for applying (เงื่อนไข).")] = []
    examples: Annotated[list[Text], Field(description="Examples the source gives of works of this type.")] = []
    changes: Annotated[list[Text], Field(description="What changed in this type compared with the year before, as the source lists it.")] = []
    assessment_steps: list[ProcessStep] = []
    indicator_groups: list[IndicatorGroup] = []
    rubric: Rubric | None = None
    calculation: Calculation | None = None
    notes: Notes = []
    source: Source


class Level(Model):
    """An award level, highest first."""

    id: Slug
    name: Text
    description: Text | None = None


class Rule(Model):
    """A pass rule. Where it can be computed, ``measure``/``comparison``/``value``/``unit``
    state it as data, so pages and calculators read the same threshold."""

    id: Slug
    text: Text
    applies_to: Annotated[list[Slug], Field(description="Ids of the award types it applies to; empty means every type of the branch.")] = []
    measure: Literal["each-dimension", "total", "requested-dimension", "related-results", "other-results"] | None = None
    comparison: Literal[">=", ">"] | None = None
    value: Annotated[Decimal | None, Field(ge=0)] = None
    unit: Literal["percent", "points"] | None = None
    results_category: Slug | None = Field(
        default=None,
        description="For related-results and other-results: the category whose results are measured (PMQA: category-7); it cannot be the requested one.",
    )


class ScoreBand(Model):
    """A score range that gives a level or certification (e.g. PMQA 4.0: 400–469 advanced)."""

    id: Slug
    name: Text
    min: Points
    max: Points
    text: Text | None = None
    applies_to: list[Slug] = []


class ScoringRule(Model):
    summary: Text
    full_marks: Points | None = Field(
        default=None,
        description="Full marks of the total score when the types have no rubric of their own (PMQA: 500); bounds the self-assessment.",
    )
    rules: list[Rule] = []
    bands: list[ScoreBand] = []


class Step(Model):
    id: Slug
    title: Text
    text: Text
    link: Annotated[str | None, StringConstraints(pattern=r"^https?://\S+$")] = None


class Application(Model):
    steps: Annotated[list[Step], Field(min_length=1)]


class Figure(Model):
    """A key figure quoted by the source, with its unit and meaning."""

    id: Slug
    label: Text
    value: Annotated[Decimal, WrapValidator(_or_todo), _todo_schema({"type": "number"})]
    unit: Text
    year: BEYear | None = None
    notes: Notes = []


class Contact(Model):
    label: Text
    value: Annotated[str, StringConstraints(min_length=3, max_length=300), Field(description="An e-mail address, a web address or a postal address as text.")]


class TableRow(Model):
    label: Text
    values: Annotated[list[Decimal], Field(min_length=1, description="One number per column, as the source prints it.")]


class DataTable(Model):
    """A table of figures the source gives (e.g. the PMQA 4.0 scores), shown as a table."""

    id: Slug
    caption: Text
    label_heading: Text = Field(description="The heading of the first column (the rows' labels).")
    columns: Annotated[list[Text], Field(min_length=1, description="The headings of the number columns.")]
    rows: Annotated[list[TableRow], Field(min_length=1)]
    notes: Notes = []
    source: Source


class Branch(Model):
    """A branch (สาขา) of the awards in one programme year; its folder holds its award types."""

    id: Slug
    order: Order
    name: Text
    summary: Text
    purpose: Annotated[list[Text], Field(description="What the branch aims at, one point per item.")] = []
    terms: Annotated[list[Term], Field(description="Concepts explained on the branch page.")] = []
    eligibility: list[Condition] = []
    categories: Annotated[list[Term], Field(description="Named categories (e.g. PMQA หมวด 1-6) that rules and types refer to.")] = []
    levels: list[Level] = []
    scoring: ScoringRule
    application: Application | None = None
    contact: list[Contact] = []
    figures: Annotated[list[Figure], Field(description="Key figures the source gives for this branch.")] = []
    tables: Annotated[list[DataTable], Field(description="Tables of figures the source gives for this branch.")] = []
    notes: Notes = []
    source: Source


class HistoryEntry(Model):
    """A step in the lineage of the awards (e.g. 2547: the service quality award begins)."""

    year: BEYear
    name: Text
    text: Text | None = None


class YearStatistics(Model):
    """Applications and awards of one programme year, as the source's statistics give them."""

    year: BEYear
    applications: Annotated[int, Field(ge=0), WrapValidator(_or_todo), _todo_schema({"type": "integer", "minimum": 0})]
    awards: Annotated[int, Field(ge=0), WrapValidator(_or_todo), _todo_schema({"type": "integer", "minimum": 0})]
    notes: Notes = []


_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _iso_date(value: str) -> str:
    """``YYYY-MM-DD`` or ``YYYY-MM`` in the Common Era; a real date; not a BE year by mistake."""
    import datetime

    if value == TODO:
        return value

    match = _DATE.match(value)
    if not match:
        raise ValueError(f"found {value!r}, expected a date written YYYY-MM-DD or YYYY-MM (Common Era), e.g. 2022-11-15")
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    if year >= 2400:
        raise ValueError(f"found the year {year}, which looks like a Buddhist Era year; expected a Common Era year, as in every date in the YAML ({year} BE = {year - CE_OFFSET} CE)")
    if not 1997 <= year <= 2157:
        raise ValueError(f"found the year {year}, expected a Common Era year between 1997 and 2157")
    try:
        datetime.date(year, month, int(day) if day else 1)
    except ValueError:
        raise ValueError(f"found {value!r}, which is not a date in the calendar; expected a day that exists (e.g. February has 28 or 29 days)") from None
    return value


IsoDate = Annotated[str, AfterValidator(_iso_date), Field(description="YYYY-MM-DD or YYYY-MM, Common Era (2566 BE = 2023); TODO while not yet known.")]


class Milestone(Model):
    """A dated step of a programme year: a day, a range of days, or a month."""

    id: Slug
    branch: Slug | None = Field(default=None, description="The branch it belongs to; none for the whole programme year.")
    date: IsoDate
    end: IsoDate | None = Field(default=None, description="Last day of a range.")
    part: Literal["early", "mid", "late"] | None = Field(default=None, description="For a month: early, mid or late in the month (ต้น/กลาง/ปลายเดือน).")
    title: Text
    text: Text | None = None
    reference: str | None = Field(default=None, description="A letter's reference number, as written.")
    closes_applications: bool = Field(
        default=False,
        description="The last day to apply (of its branch, or of every branch when it names none); where no milestone says so, pages say the source gives no closing date.",
    )
    notes: Notes = []
    source: Source


class ProgrammeYear(Model):
    """A programme year, named by its Buddhist Era year; ``rubrics/<year>/year.yaml``."""

    year: BEYear
    draft: bool = Field(default=False, description=DRAFT)
    name: Text
    summary: Text | None = None
    emblem: Text | None = Field(default=None, description="What the award's emblem means.")
    structure: Annotated[list[Term], Field(description="The kinds of award given this year (overall, honour, branch awards).")] = []
    history: Annotated[list[HistoryEntry], Field(description="The lineage of the awards, oldest first.")] = []
    success_factors: list[Term] = []
    figures: list[Figure] = []
    statistics: Annotated[list[YearStatistics], Field(description="Applications and awards per programme year, oldest first.")] = []
    milestones: Annotated[list[Milestone], Field(description="The calendar of the programme year, in date order.")] = []
    notes: Notes = []
    source: Source


class Choice(Model):
    """One answer of a finder question, when the answers are not simply yes and no."""

    label: Text
    next: Annotated[Slug, Field(description="Id of the question or outcome this answer leads to.")]


class FinderQuestion(Model):
    """A question of the award-type finder: yes/no (``yes``, ``no``) or ``choices``."""

    id: Slug
    text: Text
    help: Text | None = Field(default=None, description="A short explanation shown under the question.")
    tests: Annotated[
        list[str],
        Field(description="The conditions this question tests, as <branch>/<type>/<condition-id> (or <branch>/<type>/definition for the type's definition), or <branch>/<condition-id> for a branch's general eligibility."),
    ] = []
    yes: Slug | None = Field(default=None, description="Id of the question or outcome a 'yes' leads to. 'Yes' is the answer in favour of a type: phrase the question so that it never leads straight to an outcome with no award type.")
    no: Slug | None = Field(default=None, description="Id of the question or outcome a 'no' leads to.")
    choices: list[Choice] = []
    notes: Notes = []


class FinderOutcome(Model):
    """Where a path of answers ends: an award type, or no type (with the reason)."""

    id: Slug
    award_type: str | None = Field(default=None, description="<branch>/<type> of this programme year; leave out when no type fits.")
    text: Text
    notes: Notes = []


class Finder(Model):
    """``rubrics/<year>/finder.yaml``: a decision tree that leads to an award type."""

    title: Text
    intro: Text
    questions: Annotated[list[FinderQuestion], Field(min_length=1, description="The first question is where the finder starts.")]
    outcomes: Annotated[list[FinderOutcome], Field(min_length=1)]
    notes: Notes = []
    source: Source


class Signature(Model):
    """The certifying signature block at the end of a paper form."""

    role: Annotated[Text, Field(description="Written after the signature line, e.g. ผู้รับรองความถูกต้อง.")]
    position: Annotated[Text, Field(description="The signer's position, followed by a line to fill in.")]


class ReadinessForm(Model):
    """``rubrics/<year>/readiness-form.yaml``: a printable self-assessment form.

    Part 1 is the year's finder (its questions, numbered); Part 2 lists the readiness
    items of every award type of ``branch`` (each type's conditions, with their blanks).
    """

    title: Text
    branch: Slug
    fields: Annotated[list[Text], Field(min_length=1, description="The lines to fill in at the top of the form.")]
    part1: Text
    part2: Text
    part2_intro: Text | None = None
    signature: Signature
    notes: Notes = []
    source: Source


# Which file name holds which kind of record.
KINDS: dict[str, type[Model]] = {
    "year": ProgrammeYear,
    "branch": Branch,
    "type": AwardType,
    "finder": Finder,
    "readiness-form": ReadinessForm,
}


# --- Agencies and winners (rubrics/agencies.yaml, rubrics/winners/*.yaml) ---------------


class Agency(Model):
    """A public agency, one record however many times it wins."""

    id: Slug
    name: Text
    short_name: Text | None = Field(default=None, description="The abbreviation the source uses (e.g. สวทช.).")
    parent: Slug | None = Field(default=None, description="Id of the ministry or agency it belongs to, where known.")
    notes: Notes = []


class AgencyList(Model):
    """``rubrics/agencies.yaml``: every agency named anywhere in the data."""

    agencies: Annotated[list[Agency], Field(min_length=1)]


class Winner(Model):
    """A work that received an award in a programme year."""

    id: Slug
    branch: Slug
    type: Slug | None = Field(default=None, description="Id of the award type, as used in rubrics/<year>/<branch>/.")
    level: Slug | None = Field(default=None, description="Id of the level (e.g. outstanding, good) or of a PMQA 4.0 band (e.g. advanced).")
    agency: Slug
    partners: Annotated[list[Slug], Field(description="Other agencies named with the work.")] = []
    title: Text | None = None
    summary: Text | None = None
    highlights: list[Text] = []
    figures: list[Figure] = []
    featured: bool = Field(default=False, description="Shown as a card with its key figures.")
    notes: Notes = []
    source: Source


class Honour(Model):
    """A Public Sector Excellence Honour Award (รางวัลเกียรติยศเลิศรัฐ)."""

    agency: Slug
    citation: Text
    highlights: list[Text] = []
    source: Source


class TopAgencies(Model):
    """Agencies with the most awards in a branch over a period, as the source lists them."""

    branch: Slug
    from_year: BEYear
    to_year: BEYear
    agencies: Annotated[list[Slug], Field(min_length=1)]
    source: Source


class ModelProject(Model):
    title: Text
    agencies: Annotated[list[Slug], Field(min_length=1)]


class ModelArea(Model):
    """An area in which award-winning works serve as models for expansion."""

    id: Slug
    name: Text
    projects: Annotated[list[ModelProject], Field(min_length=1)]


class WinnersYear(Model):
    """``rubrics/winners/<year>.yaml``: the awards given in one programme year."""

    year: BEYear
    draft: bool = Field(default=False, description=DRAFT)
    summary: Text | None = None
    honours: list[Honour] = []
    winners: list[Winner] = []
    top_agencies: list[TopAgencies] = []
    model_areas: list[ModelArea] = []
    notes: Notes = []
    source: Source


class UnpsaAward(Model):
    """A United Nations Public Service Award won by a Thai agency."""

    year: Annotated[BEYear, Field(description="Buddhist Era year of the award (UNPSA 2008 = 2551).")]
    agency: Slug
    title: Text
    category: Text | None = None
    source: Source


class UnpsaList(Model):
    """``rubrics/winners/unpsa.yaml``."""

    summary: Text
    awards: Annotated[list[UnpsaAward], Field(min_length=1)]
    notes: Notes = []


class Document(Model):
    """An official document the content comes from (a briefing deck, a letter, a form)."""

    id: Slug
    title: Text
    issuer: Text | None = Field(default=None, description="The agency that issued it; empty when the document does not say.")
    date: IsoDate | None = Field(default=None, description="The date the document bears; empty when it bears none.")
    reference: Annotated[PlainText | None, Field(description="The letter's number (เลขที่หนังสือ), when it has one.")] = None
    notes: Notes = []


class DocumentList(Model):
    """``rubrics/documents.yaml``: the register of official documents that records cite."""

    documents: Annotated[list[Document], Field(min_length=1)]


KINDS.update({"agencies": AgencyList, "winners": WinnersYear, "unpsa": UnpsaList, "documents": DocumentList})
