"""The target rating rule, case by case."""

from datetime import date

import pytest

from tracker.services.trajectory import expected_value, rate, rating_word


def test_expected_value_is_a_straight_line():
    assert expected_value(90.0, 2023, 96.0, 2031, 2027) == pytest.approx(93.0)
    assert expected_value(90.0, 2023, 96.0, 2031, 2040) == 96.0  # capped at the target


@pytest.mark.parametrize(("latest", "rating"), [(93.5, "on_track"), (92.6, "at_risk"), (91.0, "off_track"),
                                                (89.0, "off_track"), (96.5, "on_track")])
def test_higher_is_better(latest, rating):
    # health insurance: baseline 90 % in 2023, target > 96 % by end of 2030; measured mid-2027
    standing = rate(">", "higher_better", 96.0, 2030, 90.0, 2023.0, [(date(2027, 1, 1), latest)])
    assert standing.rating == rating


@pytest.mark.parametrize(("latest", "rating"), [(2.4, "on_track"), (2.55, "at_risk"), (2.9, "off_track"),
                                                (1.9, "on_track")])
def test_lower_is_better(latest, rating):
    # unemployment: 3.0 % in 2023, < 2 % by 2030
    assert rate("<", "lower_better", 2.0, 2030, 3.0, 2023.0, [(date(2027, 1, 1), latest)]).rating == rating


def test_cumulative_targets_add_up_recorded_values():
    values = [(date(2024, 12, 31), 150.0), (date(2025, 12, 31), 250.0), (date(2026, 12, 31), 300.0)]
    standing = rate("about", "higher_better", 1500.0, 2030, None, 2024.0, values, cumulative=True)
    assert standing.latest == 700.0 and standing.rating == "on_track"
    slow = rate("about", "higher_better", 1500.0, 2030, None, 2024.0, values[:1] + [(date(2026, 12, 31), 100.0)],
                cumulative=True)
    assert slow.rating == "off_track"


def test_qualitative_maintain_and_missing_data():
    assert rate("qualitative", "higher_better", None, 2030, None, None, []).rating == "qualitative"
    assert rate(">=", "maintain", 2.1, 2030, None, None, [(date(2026, 1, 1), 2.1)]).rating == "qualitative"
    assert rate(">=", "higher_better", 99.9, 2030, None, None, []).rating == "no_data"
    assert rate(">=", "higher_better", 99.9, 2030, None, None, [(date(2026, 6, 30), 98.0)]).rating == "no_data"


@pytest.mark.parametrize(("latest", "word"), [(96.5, "Đạt"), (93.5, "Dự kiến đạt"), (92.6, "Khó đạt"),
                                              (89.0, "Khó đạt")])
def test_rating_words_of_the_annex(latest, word):
    assert rating_word(rate(">", "higher_better", 96.0, 2030, 90.0, 2023.0, [(date(2027, 1, 1), latest)])) == word


def test_rating_words_without_a_number():
    assert rating_word(rate(">", "higher_better", 96.0, 2030, 90.0, 2023.0, [])) == "Chưa đủ số liệu"
    assert rating_word(rate("qualitative", "maintain", None, 2030, None, None, [])) == "Đánh giá định tính"
