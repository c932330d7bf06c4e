"""Match the bodies a draft names to the registry as it stands on a day: every body, by its names
now and before; a body that has since ended is followed to its one successor alive on that day (the
2024 text's "Ban Tuyên giáo Tỉnh ủy" is today's Ban Tuyên giáo và Dân vận), and left for the
reviewer, with its successors as suggestions, when it had several."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from tracker.models import Organisation, OrganisationName
from tracker.program_import.bodies import match_bodies
from tracker.program_import.draft import BodyMention, Draft
from tracker.services import registry

MAX_HOPS = 5  # a chain of successions longer than this is left to the reviewer


def match_to_registry(session: Session, draft: Draft, on: date) -> list[BodyMention]:
    """Set the code of every mention (and the issuer) it can; returns the mentions left unmatched."""
    orgs = list(session.exec(select(Organisation)))
    former: dict[int, list[str]] = {}
    for org_id, name in session.exec(select(OrganisationName.organisation_id, OrganisationName.name)):
        former.setdefault(org_id, []).append(name)
    match_bodies(draft, [{"code": o.code, "name": o.name, "short_name": o.short_name,
                          "former_names": former.get(o.id, [])} for o in orgs])
    now = {b.code: b for b in registry.bodies_as_of(session, [o.id for o in orgs], on).values()}
    for mention in [m for c in draft.clauses for m in c.bodies]:
        if mention.code and not now[mention.code].active_on:
            _follow(mention, now)
    if draft.issuer_code and not now[draft.issuer_code].active_on:
        issuer = BodyMention(draft.issuer, "issuer", "matched", draft.issuer_code)
        _follow(issuer, now)
        draft.issuer_code = issuer.code
    return [m for c in draft.clauses for m in c.bodies if m.status == "unmatched"]


def _follow(mention: BodyMention, now: dict) -> None:
    codes = [mention.code]
    for _ in range(MAX_HOPS):
        nxt = [s for code in codes for s in (now[code].successors if not now[code].active_on else (code,))]
        if nxt == codes:
            break
        codes = list(dict.fromkeys(nxt))
    alive = [c for c in codes if now[c].active_on]
    if len(alive) == 1:
        mention.code = alive[0]
    else:
        mention.status, mention.suggestions, mention.code = "unmatched", alive, None
