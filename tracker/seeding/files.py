"""Seed file schemas: each YAML file is parsed and validated before anything touches the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tracker.errors import SeedError
from tracker.models.vocab import CADENCES, COMPARATORS, DIRECTIONS, MILESTONE_KINDS, ORG_KINDS
from tracker.text import normalise


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value):
        return normalise(value) if isinstance(value, str) and "\n" not in value else value


def _one_of(allowed: tuple[str, ...], what: str) -> AfterValidator:
    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"{what} {value!r} is not one of {', '.join(allowed)}")
        return value
    return AfterValidator(check)


Cadence = Annotated[str, _one_of(CADENCES, "cadence")]
OrgKind = Annotated[str, _one_of(ORG_KINDS, "organisation kind")]
MilestoneKind = Annotated[str, _one_of(MILESTONE_KINDS, "milestone kind")]
Comparator = Annotated[str, _one_of(COMPARATORS, "comparator")]
Direction = Annotated[str, _one_of(DIRECTIONS, "direction")]


class ProgramSeed(_Strict):
    code: str
    number: str | None = None
    number_note: str = ""
    issued_on: date | None = None
    title: str
    implements: str
    issuer: str
    monitor: str
    signer: str | None = None
    situation: str
    general_goal: str
    vision_2045: str
    target_year: int = Field(ge=2024, le=2100)
    default_cadence: Cadence = "semiannual"
    report_due_days: dict[str, str]


class BaselineSeed(_Strict):
    code: str
    name: str
    comparator: str = "="
    value: float
    unit: str
    year: int | None = None
    year_is_default: bool = False
    source_sentence: str


class MilestoneSeed(_Strict):
    code: str
    kind: MilestoneKind
    title: str
    period: str
    due_on: date
    is_default: bool = True
    note: str = ""


class TaskSeed(_Strict):
    """A task of section III: ongoing (thường xuyên, the default) or with a one-off deliverable."""

    code: str
    text: str
    ongoing: bool = True
    deliverable: str = ""

    @model_validator(mode="after")
    def _deliverable_iff_not_ongoing(self) -> TaskSeed:
        if self.ongoing == bool(self.deliverable):
            raise ValueError(f"task {self.code}: a deliverable is given exactly when ongoing is false")
        return self


class SubGroupSeed(_Strict):
    code: str
    label: str
    title: str
    tasks: list[TaskSeed] = Field(min_length=1)


class GroupSeed(_Strict):
    code: str
    label: str
    title: str
    tasks: list[TaskSeed] = []
    subgroups: list[SubGroupSeed] = []

    @model_validator(mode="after")
    def _has_tasks(self):
        if not self.tasks and not self.subgroups:
            raise ValueError(f"group {self.code} has neither tasks nor sub-groups")
        return self


class TargetSeed(_Strict):
    code: str
    paragraph: int = Field(ge=1, le=4)
    domain: str
    name: str
    population: str = ""
    unit: str = ""
    comparator: Comparator
    value: float | None
    direction: Direction
    cumulative: bool = False
    responsible: str | None = None
    source_sentence: str

    @model_validator(mode="after")
    def _consistent(self):
        if (self.comparator == "qualitative") != (self.value is None):
            raise ValueError(f"target {self.code}: value must be null exactly when comparator is qualitative")
        return self


class OrganisationSeed(_Strict):
    code: str
    name: str
    short_name: str = ""
    kind: OrgKind
    parent: str | None = None
    recipient: bool = False


class AssignmentRuleSeed(_Strict):
    basis: str
    role: Literal["lead", "coordinate"]
    note: str = ""
    organisations: list[str] = []
    kinds: list[OrgKind] = []
    tasks: list[str] = []
    by_task: dict[str, list[str]] = {}

    @model_validator(mode="after")
    def _shape(self):
        if not self.by_task and not (self.tasks and (self.organisations or self.kinds)):
            raise ValueError(f"rule {self.basis}/{self.role} names no tasks or no bodies")
        return self


class AssignmentDefaults(_Strict):
    deadline: date
    cadence: Cadence


class ProgramFile(_Strict):
    program: ProgramSeed
    baselines: list[BaselineSeed] = []
    milestones: list[MilestoneSeed] = []


class TasksFile(_Strict):
    groups: list[GroupSeed] = Field(min_length=1)


class TargetsFile(_Strict):
    targets: list[TargetSeed] = Field(min_length=1)


class OrganisationsFile(_Strict):
    organisations: list[OrganisationSeed] = Field(min_length=1)


class AssignmentsFile(_Strict):
    defaults: AssignmentDefaults
    rules: list[AssignmentRuleSeed] = []


SEED_FILES: dict[str, type[_Strict]] = {
    "program.yaml": ProgramFile,
    "tasks.yaml": TasksFile,
    "targets.yaml": TargetsFile,
    "organisations.yaml": OrganisationsFile,
    "assignments.yaml": AssignmentsFile,
}


@dataclass(frozen=True)
class SeedBundle:
    """Everything in seed/, validated and cross-checked."""

    program_file: ProgramFile
    tasks_file: TasksFile
    targets_file: TargetsFile
    organisations_file: OrganisationsFile
    assignments_file: AssignmentsFile

    @property
    def program(self) -> ProgramSeed:
        return self.program_file.program

    @property
    def groups(self) -> list[GroupSeed]:
        return self.tasks_file.groups

    @property
    def targets(self) -> list[TargetSeed]:
        return self.targets_file.targets

    @property
    def organisations(self) -> list[OrganisationSeed]:
        return self.organisations_file.organisations

    def all_tasks(self) -> list[tuple[str, TaskSeed]]:
        """(group or sub-group code, task) in document order."""
        out: list[tuple[str, TaskSeed]] = []
        for group in self.groups:
            out += [(group.code, t) for t in group.tasks]
            for sub in group.subgroups:
                out += [(sub.code, t) for t in sub.tasks]
        return out


def _read_yaml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SeedError(f"Thiếu tệp dữ liệu khởi tạo {path}.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"Không đọc được tệp dữ liệu khởi tạo {path}: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SeedError(f"Tệp {path.name} sai cú pháp YAML{where}: {problem}") from exc
    if not isinstance(data, dict):
        raise SeedError(f"Tệp {path.name} phải là một bảng YAML (mapping) ở cấp cao nhất.")
    return data


def _describe(exc: ValidationError, filename: str) -> str:
    parts = [f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()[:5]]
    more = f" (và {exc.error_count() - 5} lỗi khác)" if exc.error_count() > 5 else ""
    return f"Tệp {filename} không hợp lệ — " + "; ".join(parts) + more


def read_seed(seed_dir: Path) -> SeedBundle:
    """Read and validate every seed file; raise SeedError naming the file and the problem."""
    parsed = []
    for filename, model in SEED_FILES.items():
        try:
            parsed.append(model.model_validate(_read_yaml(seed_dir / filename)))
        except ValidationError as exc:
            raise SeedError(_describe(exc, filename)) from exc
    bundle = SeedBundle(*parsed)
    _cross_check(bundle)
    return bundle


def _duplicates(codes: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({c for c in codes if c in seen or seen.add(c)})


def _cross_check(bundle: SeedBundle) -> None:
    """References between files must resolve and codes must be unique."""
    org_codes = [o.code for o in bundle.organisations]
    task_codes = [t.code for _, t in bundle.all_tasks()]
    group_codes = [g.code for g in bundle.groups] + [s.code for g in bundle.groups for s in g.subgroups]
    checks = {
        "organisations.yaml": _duplicates(org_codes),
        "tasks.yaml": _duplicates(task_codes + group_codes),
        "targets.yaml": _duplicates([t.code for t in bundle.targets]),
    }
    for filename, dups in checks.items():
        if dups:
            raise SeedError(f"Tệp {filename} có mã trùng lặp: {', '.join(dups)}")
    known_orgs = set(org_codes)
    missing = {o.parent for o in bundle.organisations if o.parent and o.parent not in known_orgs}
    missing |= {c for c in (bundle.program.issuer, bundle.program.monitor) if c not in known_orgs}
    missing |= {t.responsible for t in bundle.targets if t.responsible and t.responsible not in known_orgs}
    for rule in bundle.assignments_file.rules:
        missing |= {c for c in rule.organisations if c not in known_orgs}
        missing |= {c for codes in rule.by_task.values() for c in codes if c not in known_orgs}
    if missing:
        raise SeedError(f"Dữ liệu khởi tạo nhắc tới mã cơ quan không có trong organisations.yaml: {', '.join(sorted(missing))}")
    prefixes = set(task_codes) | set(group_codes)
    unknown = {p for rule in bundle.assignments_file.rules for p in [*rule.tasks, *rule.by_task] if p not in prefixes}
    if unknown:
        raise SeedError(f"assignments.yaml nhắc tới nhiệm vụ không có trong tasks.yaml: {', '.join(sorted(unknown))}")
