"""The bodies a clause of section IV names, and their matching to the registry.

``mentions_in`` reads the clause's subject (the names before its first verb: the leads) and the
names after "phối hợp với" (coordinating). ``match_bodies`` then sets each mention's code when a
registry body's name, short name or former name is the same once case, diacritics, abbreviations
(UBND, HĐND, MTTQ, BTV…) and the place suffix are set aside; a collective ("các huyện ủy") gets a
kind; anything else stays ``unmatched`` with the closest names as suggestions, never a guess.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from tracker.program_import.draft import BodyMention, Draft
from tracker.text import fold

_VERBS = ("lãnh đạo", "chỉ đạo", "xây dựng", "tăng cường", "chủ trì", "tổ chức", "triển khai", "tham mưu",
          "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "căn cứ", "thực hiện", "theo dõi", "hướng dẫn",
          "ban hành", "đẩy mạnh", "nghiên cứu", "bố trí", "quán triệt", "tuyên truyền", "kiểm tra", "giám sát",
          "cụ thể hóa", "đôn đốc", "quan tâm", "rà soát", "phát huy", "định kỳ", "nâng cao", "vận động",
          "bảo đảm", "đảm bảo", "cân đối", "chủ động")
_VERB = re.compile(r"(?<!các )(?<!những )(?<!\w)(" + "|".join(map(re.escape, _VERBS)) + r")(?!\w)")
_WITH = re.compile(r"phối hợp với\s+(.+?)(?=[.;:]|\s(?:" + "|".join(map(re.escape, _VERBS)) + r")(?!\w)|$)")
# Words a body's name starts with: "và"/"," before another word belong to the name ("Sở Giáo dục và
# Đào tạo", "Sở Văn hóa, Thể thao và Du lịch").
_HEADS = ("Ban", "Đảng", "Sở", "Ủy", "Uỷ", "UBND", "HĐND", "Hội", "Huyện", "Thành ủy", "Thành đoàn", "Tỉnh",
          "Mặt trận", "Công an", "Bộ", "Văn phòng", "Viện", "Tòa", "Toà", "Trường", "Báo", "Đài", "Liên đoàn",
          "Liên hiệp", "Kho bạc", "Ngân hàng", "Cục", "Chi cục", "Trung tâm", "Bảo hiểm", "Thanh tra", "Đoàn",
          "BCSĐ", "BTV", "MTTQ", "Các", "Những")
_SPLIT = re.compile(r",\s+|\s+và\s+(?=[^\W\d]+)")
ABBREVIATIONS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "mttq": "mat tran to quoc",
                 "btv": "ban thuong vu", "bcsd": "ban can su dang", "ubkt": "uy ban kiem tra",
                 "ldld": "lien doan lao dong", "lhpn": "lien hiep phu nu", "ccb": "cuu chien binh",
                 "du": "dang uy", "hu": "huyen uy", "tw": "trung uong", "bhxh": "bao hiem xa hoi",
                 "vptu": "van phong tinh uy", "tu": "tinh uy", "tn": "thanh nien"}
# Collective names (folded, without "các"/"những") → the kind of body they cover.
COLLECTIVES = {"ban dang": "party_board", "ban cua tinh uy": "party_board", "ban can su dang": "party_delegation",
               "dang doan": "party_caucus", "huyen uy": "district_committee", "thanh uy": "district_committee",
               "huyen uy, thanh uy": "district_committee", "dang uy truc thuoc": "affiliated_committee",
               "dang uy truc thuoc tinh uy": "affiliated_committee",
               "to chuc chinh tri - xa hoi": "socio_political", "to chuc chinh tri - xa hoi tinh": "socio_political",
               "doan the": "socio_political", "hoi quan chung": "mass_association",
               "so, ban, nganh": "department", "so, nganh": "department", "dang uy xa": "commune_committee",
               "dang uy phuong": "ward_committee", "dang uy xa, phuong": "commune_committee"}


def mentions_in(text: str) -> list[BodyMention]:
    """The bodies a clause names: its subject's names (lead) and those it coordinates with."""
    first = text.split("\n", 1)[0]
    verb = _VERB.search(first)
    subject = first[: verb.start()] if verb else ""
    mentions = [BodyMention(name, "lead") for name in _names(subject)]
    for found in _WITH.finditer(text):
        mentions += [BodyMention(name, "coordinate") for name in _names(found[1])]
    return mentions


def _names(text: str) -> list[str]:
    names: list[str] = []
    for part in _SPLIT.split(text.strip()):
        part = part.strip(" ,.;")
        first = part.split(" ", 1)[0] if part else ""
        if names and first[:1].isupper() and not any(part == h or part.startswith(h + " ") for h in _HEADS):
            joiner = " và " if re.search(re.escape(names[-1]) + r"\s+và\s+" + re.escape(part), text) else ", "
            names[-1] = f"{names[-1]}{joiner}{part}"
        elif len(part) > 2:
            names.append(part)
    return names


def match_bodies(draft: Draft, bodies: Iterable) -> list[BodyMention]:
    """Match every mention of ``draft`` (and its issuer) against ``bodies``: dicts or objects with
    ``code``, ``name``, ``short_name`` and optionally ``former_names`` (names, or dicts with "name").
    Returns the mentions left unmatched (neither a body nor a kind)."""
    index: dict[str, str] = {}
    labels: dict[str, str] = {}
    for body in bodies:
        code = _get(body, "code")
        names = [_get(body, "name"), _get(body, "short_name")]
        names += [n.get("name") if isinstance(n, dict) else getattr(n, "name", n) for n in _get(body, "former_names") or []]
        for name in filter(None, names):
            for key in _keys(name):
                index.setdefault(key, code)
            labels[name] = code
    unmatched = []
    for clause in draft.clauses:
        for mention in clause.bodies:
            _match(mention, index, labels)
            if mention.status == "unmatched":
                unmatched.append(mention)
    if draft.issuer:
        issuer = BodyMention(draft.issuer, "issuer")
        _match(issuer, index, labels)
        draft.issuer_code = issuer.code
    return unmatched


def _get(body, key: str):
    return body.get(key) if isinstance(body, dict) else getattr(body, key, None)


def _match(mention: BodyMention, index: dict[str, str], labels: dict[str, str]) -> None:
    for key in _keys(mention.name):
        if key in index:
            mention.status, mention.code, mention.kind, mention.suggestions = "matched", index[key], None, []
            return
    collective = re.sub(r"^(?:cac|nhung)\s+", "", fold(mention.name))
    if collective in COLLECTIVES:
        mention.status, mention.kind = "kind", COLLECTIVES[collective]
        return
    mention.status = "unmatched"
    folded = {fold(name): name for name in labels}
    close = difflib.get_close_matches(fold(mention.name), list(folded), n=5, cutoff=0.6)
    mention.suggestions = list(dict.fromkeys(labels[folded[c]] for c in close))


def _keys(name: str) -> set[str]:
    """Normalised forms of a name: folded, abbreviations spelt out, "Việt Nam" and "Ủy ban" before
    "Mặt trận" dropped, with and without a trailing "tỉnh" or place name ("… Tỉnh đoàn Lai Châu")."""
    original = name.split()
    forms = [name]
    for cut in (1, 2, 3):
        if len(original) > cut + 1 and all(w[:1].isupper() for w in original[-cut:]) \
                and fold(original[-cut - 1]) in ("uy", "doan", "tinh"):
            forms.append(" ".join(original[:-cut]))
    keys = set()
    for form in forms:
        spelt = _spell(form)
        keys |= {spelt, re.sub(r"\s+tinh$", "", spelt)}
    return {k for k in keys if k}


def _spell(name: str) -> str:
    words = fold(name).replace("-", " - ").split()
    spelt = " ".join(ABBREVIATIONS.get(w, w) for w in words)
    spelt = spelt.replace("viet nam", "").replace("uy ban mat tran", "mat tran")
    return re.sub(r"\s+", " ", spelt).strip()
