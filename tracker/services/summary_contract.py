"""The summary report's contract: what ``summary.build`` drafts, the monitor edits, a draft keeps and the
renderers in tracker/documents print (re-exported by ``tracker.services.summary``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker.services.registry import Letterhead

DEFAULT_RECIPIENTS = ["Ban Thường vụ Tỉnh ủy (b/c)", "Thường trực Tỉnh ủy (b/c)"]


@dataclass
class GroupSection:
    """Part II: one task group of section III (code "III.4", label "4") or a lettered sub-group ("a")."""
    code: str
    title: str
    actions: list[str] = field(default_factory=list)   # "Đảng ủy xã Sìn Hồ ban hành ... (Kế hoạch số 45-KH/ĐU ngày 05/3/2026)"
    narrative: str = ""                                 # drafted prose, edited by the monitor; no internal codes
    label: str = ""                                     # "4" for a group, "a" for a sub-group
    subgroups: list["GroupSection"] = field(default_factory=list)


@dataclass
class TargetRow:
    """A row of the Phụ lục: STT, chỉ tiêu, ĐVT, mục tiêu 2030, số liệu gốc, thực hiện (kỳ gần nhất), đánh giá."""
    code: str
    name: str
    baseline: str      # "85,8 (2023)"
    target: str        # "trên 90" (comparator words and value; the unit is its own column)
    latest: str        # "87,2 (2026)"
    rating: str        # "Đạt" / "Dự kiến đạt" / "Khó đạt" / "" (no data)
    unit: str = ""     # ĐVT: "%", "tuổi", "giường/10.000 dân"
    position: int = 0  # STT


@dataclass
class Signature:
    """Who signs (Hướng dẫn 36): the head ("TRƯỞNG BAN"), a deputy for the head ("K/T TRƯỞNG BAN" over
    "PHÓ TRƯỞNG BAN"), or for a collective body ("T/M BAN THƯỜNG VỤ" over "PHÓ BÍ THƯ THƯỜNG TRỰC")."""
    form: str = "head"      # head | deputy | collective
    title: str = ""         # the signer's own title: "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "BÍ THƯ"
    name: str = ""
    on_behalf: str = ""     # deputy: "TRƯỞNG BAN"; collective: "BAN THƯỜNG VỤ"

    def lines(self) -> list[str]:
        """The signature block's bold lines above the space for the signature."""
        if self.form == "deputy":
            return [f"K/T {self.on_behalf}".strip(), self.title]
        if self.form == "collective":
            return [f"T/M {self.on_behalf}".strip(), self.title]
        return [self.title]


@dataclass
class Assessment:
    """Part III, đánh giá chung."""
    strengths: str = ""            # ưu điểm
    limitations: str = ""          # hạn chế (with the bodies' difficulties gathered, grouped, body named)
    causes_objective: str = ""     # nguyên nhân khách quan
    causes_subjective: str = ""    # nguyên nhân chủ quan
    lessons: str = ""              # bài học kinh nghiệm


@dataclass
class Summary:
    """A summary report as drafted from the records and edited by the monitor (kept as a SummaryDraft).

    Structure (Hướng dẫn 36; a provincial department's báo cáo sơ kết): I. ``leadership`` (lãnh đạo,
    chỉ đạo, quán triệt, tuyên truyền, with the IV.1 figures); II. ``groups`` (results per task group
    and lettered sub-group); III. ``assessment``; IV. ``directions`` (phương hướng, nhiệm vụ, giải
    pháp); V. ``proposals`` (kiến nghị, đề xuất); then the Phụ lục ``targets``. ``voice`` is the
    department's own report or the one it drafts for the Standing Committee ("TỈNH ỦY LAI CHÂU",
    "Số …-BC/TU", "T/M BAN THƯỜNG VỤ"). ``facts`` holds the counts the texts were drafted from.
    """
    kind: str
    period: str
    start: date
    end: date
    issued_on: date
    voice: str = "department"
    number: str = ""
    title: str = ""
    introduction: str = ""
    leadership: str = ""
    groups: list[GroupSection] = field(default_factory=list)
    assessment: Assessment = field(default_factory=Assessment)
    directions: str = ""
    proposals: str = ""
    targets: list[TargetRow] = field(default_factory=list)
    recipients: list[str] = field(default_factory=lambda: list(DEFAULT_RECIPIENTS))
    signature: Signature = field(default_factory=Signature)
    letterhead: Letterhead = field(default_factory=lambda: Letterhead("", "", "", "", ""))
    facts: dict = field(default_factory=dict)
    draft_version: int = 0  # the stored SummaryDraft's version this copy was loaded or saved as (0: not stored)
    program_id: int | None = None  # the program reported on (None: the first loaded)
