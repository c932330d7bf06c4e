"""The seed carries the document's text, joined across page breaks and with OCR slips corrected.

Every correction is registered in seed/ocr_corrections.yaml; these tests pin them: undoing the
registered corrections must give back the source text verbatim (whitespace aside), so no other
change can slip into the seed unnoticed.
"""

import re

import pytest
import yaml

from tests.conftest import SEED_DIR, SOURCE_DOC

REGISTER = yaml.safe_load((SEED_DIR / "ocr_corrections.yaml").read_text(encoding="utf-8"))
CORRECTIONS = REGISTER["corrections"] + REGISTER["markup"]


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def source() -> str:
    return collapse(SOURCE_DOC.read_text(encoding="utf-8"))


def seed_texts(bundle) -> dict[str, str]:
    """Every text the seed carries from the document, keyed by where it sits."""
    texts = {f"task {t.code}": t.text for _, t in bundle.all_tasks()}
    texts |= {f"target {t.code}": t.source_sentence for t in bundle.targets}
    texts |= {f"baseline {b.code}": b.source_sentence for b in bundle.program_file.baselines}
    program = bundle.program
    texts |= {"program general_goal": program.general_goal, "program vision_2045": program.vision_2045}
    texts |= {f"program situation {i}": p for i, p in enumerate(program.situation.split("\n\n"))}
    texts |= {f"group {g.code}": g.title for g in bundle.groups}
    texts |= {f"group {s.code}": s.title for g in bundle.groups for s in g.subgroups}
    return texts


def applies(entry: dict, key: str) -> bool:
    """Whether a register entry (correction or join) names the seed text at ``key``."""
    where = entry["where"]
    if where == "target T-any":
        return key.startswith("target ")
    return key == where or key.startswith(where + " ")


def test_the_named_ocr_slips_are_registered():
    pairs = {(c["garbled"], c["corrected"]) for c in CORRECTIONS}
    assert ("phân đầu", "phấn đấu") in pairs
    assert ("trên địa bản tình", "trên địa bàn tỉnh") in pairs
    assert ("Tăng cường chuyên đổi số", "Tăng cường chuyển đổi số") in pairs
    assert ("Thực hiện nghiêm chỉnh sách, pháp luật", "Thực hiện nghiêm chính sách, pháp luật") in pairs


@pytest.mark.parametrize("correction", CORRECTIONS, ids=lambda c: c["corrected"])
def test_each_garbled_form_is_in_the_source_and_only_the_corrected_one_in_the_seed(correction, source, seed_bundle):
    assert correction["garbled"] in source
    texts = seed_texts(seed_bundle)
    assert not [k for k, v in texts.items() if correction["garbled"] in v]
    holders = [v for k, v in texts.items() if applies(correction, k)]
    assert any(correction["corrected"] in v for v in holders), correction["where"]


def test_garbled_words_appear_nowhere_in_the_seed_files():
    for path in SEED_DIR.glob("*.yaml"):
        if path.name == "ocr_corrections.yaml":
            continue
        content = path.read_text(encoding="utf-8")
        for word in ("phân đầu", "bản tình", "chuyên đổi số", "nghiêm chỉnh sách", "<sup>"):
            assert word not in content, (path.name, word)


@pytest.mark.parametrize("join", REGISTER["joins"], ids=lambda j: j["joined"][:30])
def test_page_break_splits_are_joined(join, seed_bundle):
    holders = [v for k, v in seed_texts(seed_bundle).items() if applies(join, k)]
    assert any(join["joined"] in v for v in holders), join["where"]


def test_seed_text_is_the_source_text_modulo_registered_corrections(source, seed_bundle):
    """Undo every registered correction: what is left must be in the document word for word."""
    mismatches = []
    for where, text in seed_texts(seed_bundle).items():
        original = text
        for c in CORRECTIONS:
            if applies(c, where):
                original = original.replace(c["corrected"], c["garbled"], 1)  # the first occurrence there
        if collapse(original).rstrip(".:") not in source:
            mismatches.append(where)
    assert mismatches == []


def test_no_seed_text_keeps_a_line_break(seed_bundle):
    for where, text in seed_texts(seed_bundle).items():
        assert "\n" not in text or where == "program situation", where
