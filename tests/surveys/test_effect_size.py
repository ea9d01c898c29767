"""Hedges' g of the paired input → output change against hand and numpy/scipy computations."""

import math

import numpy as np
import pytest
from scipy import stats

from surveys.analytics.effect import (
    ABOVE,
    BELOW,
    BENCHMARK_TEXT,
    NO_SPREAD,
    TOO_FEW,
    WITHIN,
    EffectSize,
    decimal_comma,
    effect_size,
)

# The engagement of pairs A, B, C in tests/surveys/test_analytics.py: (input, output).
ENGAGEMENT = [(5, 7), (5, 6), (3, 8)]


def test_hand_computed_example():
    # input 5, 5, 3: mean 13/3, s² = (4/9 + 4/9 + 16/9) / 2 = 4/3
    # output 7, 6, 8: mean 7, s² = (0 + 1 + 1) / 2 = 1
    # s_av = √((4/3 + 1) / 2) = √(7/6); d = (7 − 13/3) / √(7/6) = (8/3)·√(6/7)
    # cov = ((2/3)·0 + (2/3)·(−1) + (−4/3)·1) / 2 = −1; r = −1 / √(4/3) = −√3/2
    # J = 1 − 3 / (4·2 − 1) = 4/7; V = (1/3 + d²/6)·2·(1 + √3/2)
    d = 8 / 3 * math.sqrt(6 / 7)
    r = -math.sqrt(3) / 2
    j = 4 / 7
    variance = (1 / 3 + d**2 / 6) * 2 * (1 - r)
    effect = effect_size(ENGAGEMENT)
    assert effect.n == 3
    assert effect.r == pytest.approx(r)
    assert effect.g == pytest.approx(j * d) == pytest.approx(1.41077, abs=1e-5)
    half = 1.96 * j * math.sqrt(variance)
    assert (effect.low, effect.high) == (pytest.approx(j * d - half), pytest.approx(j * d + half))
    assert effect.low == pytest.approx(-1.1025, abs=1e-4)
    assert effect.high == pytest.approx(3.9240, abs=1e-4)
    assert effect.text == "1,41 [−1,10; 3,92]"
    assert effect.reading == WITHIN


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_against_numpy_and_scipy(seed):
    rng = np.random.default_rng(seed)
    before = rng.normal(5, 1.5, size=40)
    after = before * 0.6 + rng.normal(2.6, 1.0, size=40)
    n = len(before)
    s_av = np.sqrt((np.var(before, ddof=1) + np.var(after, ddof=1)) / 2)
    d = (after.mean() - before.mean()) / s_av
    r = stats.pearsonr(before, after).statistic
    j = 1 - 3 / (4 * (n - 1) - 1)
    half = 1.96 * j * np.sqrt((1 / n + d**2 / (2 * n)) * 2 * (1 - r))
    effect = effect_size(list(zip(before, after, strict=True)))
    assert effect.g == pytest.approx(j * d, rel=1e-9)
    assert effect.r == pytest.approx(r, rel=1e-9)
    assert effect.low == pytest.approx(j * d - half, rel=1e-9)
    assert effect.high == pytest.approx(j * d + half, rel=1e-9)


def test_lower_is_better_flips_the_sign():
    anxiety = [(8, 4), (6, 5), (7, 5), (9, 6)]
    falling = effect_size(anxiety, higher_is_better=False)
    as_if_higher = effect_size(anxiety)
    assert falling.g > 0 > as_if_higher.g
    assert falling.g == pytest.approx(-as_if_higher.g)
    assert (falling.low, falling.high) == (
        pytest.approx(-as_if_higher.high),
        pytest.approx(-as_if_higher.low),
    )


def test_fewer_than_three_pairs():
    effect = effect_size([(4, 6), (5, 8)])
    assert not effect.available and effect.g is None
    assert effect.reason == TOO_FEW
    assert effect.text.startswith("— (") and effect.reading == ""


def test_zero_variance():
    effect = effect_size([(5, 5), (5, 5), (5, 5)])
    assert effect.g is None and effect.reason == NO_SPREAD


def test_one_side_without_spread_takes_r_zero():
    effect = effect_size([(5, 6), (5, 8), (5, 7)])
    assert effect.r == 0.0
    d = 2 / math.sqrt(0.5)
    assert effect.g == pytest.approx((1 - 3 / 7) * d)


@pytest.mark.parametrize(
    ("low", "high", "reading"),
    [(0.25, 0.9, ABOVE), (0.0, 0.21, WITHIN), (-0.3, 0.5, WITHIN), (-0.4, 0.2, BELOW)],
)
def test_reading_by_the_interval(low, high, reading):
    assert EffectSize(n=10, g=(low + high) / 2, low=low, high=high).reading == reading


def test_a_large_consistent_change_is_above_the_benchmark():
    effect = effect_size([(3, 6), (4, 7.5), (5, 7), (4, 7), (3, 5.5), (5, 8)])
    assert effect.low > 0.21 and effect.reading == ABOVE


def test_russian_decimal_comma():
    assert decimal_comma(0.214) == "0,21"
    assert decimal_comma(-0.5) == "−0,50"
    assert decimal_comma(-0.001) == "0,00"
    assert "0,21" in BENCHMARK_TEXT and "70 исследований" in BENCHMARK_TEXT
