from tracker.text import fold, normalise


def test_fold_strips_vietnamese_diacritics_and_case():
    assert fold("Giảm NGHÈO bền vững") == "giam ngheo ben vung"
    assert fold("Đảng") == fold("dang") == "dang"
    assert fold("  Ủy   ban\tMặt trận ") == "uy ban mat tran"


def test_fold_treats_precomposed_and_decomposed_forms_alike():
    decomposed = "gia\u0309m ngh\u00e8o"  # "giảm" with a combining hook above
    assert fold(decomposed) == fold("giảm nghèo")


def test_normalise_joins_whitespace_and_composes():
    assert normalise("phụ nữ mang\n\nthai") == "phụ nữ mang thai"
    assert normalise("gia\u0309m") == "giảm"
