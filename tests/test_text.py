from datetime import date

from tracker.text import document_date, fold, gist, normalise


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


def test_document_dates_follow_decree_30():
    assert document_date(date(2026, 3, 5)) == "Lai Châu, ngày 05 tháng 3 năm 2026"
    assert document_date(date(2026, 2, 14)) == "Lai Châu, ngày 14 tháng 02 năm 2026"
    assert document_date(date(2026, 11, 29)) == "Lai Châu, ngày 29 tháng 11 năm 2026"


def test_gist_names_a_long_task_by_its_first_sentence_cut_at_a_clause():
    assert gist("Ngắn gọn. Câu thứ hai.") == "Ngắn gọn"
    long = ("Phát huy vai trò giám sát của nhân dân; tăng cường, nâng cao hiệu lực, hiệu quả công tác giám sát, "
            "thanh tra, kiểm tra nhằm kịp thời phát hiện, ngăn chặn, xử lý nghiêm hành vi trục lợi chính sách, "
            "vi phạm pháp luật; đấu tranh, ngăn chặn. Câu sau.")
    assert gist(long, 20) == "Phát huy vai trò giám sát của nhân dân; tăng cường, nâng cao hiệu lực…"
    assert gist("một hai ba bốn năm sáu", 3) == "một hai ba…"
