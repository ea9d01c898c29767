"""Effect size of monitoring stage 2: Hedges' g of the input → output change, paired design.

The unit is a pair (its mean at the input and at the output, as ``growth`` computes them); for
n pairs measured at both points:

    d  = (M_out − M_in) / s_av,     s_av = √((s_in² + s_out²) / 2)          («d_av»)
    J  = 1 − 3 / (4·(n − 1) − 1)                                        (small-sample correction)
    g  = J · d
    V_d = (1/n + d² / (2n)) · 2 · (1 − r)     r — correlation of input and output over the pairs
    95 % CI: g ± 1,96 · J · √V_d

Borenstein M., Hedges L. V., Higgins J. P. T., Rothstein H. R. Introduction to Meta-Analysis.
Wiley, 2009, ch. 4 (d from matched groups, formulas 4.27–4.28) and the correction J (4.22).
s are sample standard deviations (n − 1). Where one of them is zero the correlation is
undefined and r = 0 is taken. The sign is turned so that a positive g is always an improvement:
for anxiety and burnout (lower is better) a fall gives a positive g.

The benchmark 0.21: Raposa E. B., Rhodes J., Stams G. J. J. M. et al. The effects of youth
mentoring programs: a meta-analysis of outcome studies. Journal of Youth and Adolescence, 2019,
48, 423–443 — g = 0.21 over 70 studies and 25 286 young people (the figure shown); DuBois D. L.
et al., Psychological Science in the Public Interest, 2011, 12(2), 57–91, found the same 0.21
over 73 evaluations. A figure is «выше ориентира»
when the whole CI is above 0.21, «ниже ориентира» when the whole CI is below, else «в пределах
ориентира».
"""

from __future__ import annotations

import math
from dataclasses import dataclass

BENCHMARK = 0.21
BENCHMARK_TEXT = "Ориентир метаанализа: 0,21 (70 исследований, ≈25 000 молодых людей)"
Z_95 = 1.96
MIN_PAIRS = 3

ABOVE = "выше ориентира"
WITHIN = "в пределах ориентира"
BELOW = "ниже ориентира"
TOO_FEW = "меньше 3 пар с замерами в обеих точках"
NO_SPREAD = "у всех пар одинаковые значения на входе и на выходе — разброса нет"


def decimal_comma(value: float, digits: int = 2) -> str:
    text = f"{value:.{digits}f}".replace(".", ",")
    return text.replace("-", "−") if value < 0 and text.strip("−-0,") else text.lstrip("-")


@dataclass(frozen=True)
class EffectSize:
    n: int
    g: float | None = None
    low: float | None = None
    high: float | None = None
    r: float | None = None
    reason: str = ""

    @property
    def available(self) -> bool:
        return self.g is not None

    @property
    def reading(self) -> str:
        if not self.available:
            return ""
        if self.low > BENCHMARK:
            return ABOVE
        if self.high < BENCHMARK:
            return BELOW
        return WITHIN

    @property
    def text(self) -> str:
        """«0,45 [0,12; 0,78]»; «—» with the reason when it cannot be computed."""
        if not self.available:
            return f"— ({self.reason})"
        return f"{decimal_comma(self.g)} [{decimal_comma(self.low)}; {decimal_comma(self.high)}]"


def _sd(values: list[float], mean: float) -> float:
    return math.sqrt(sum((value - mean) ** 2 for value in values) / (len(values) - 1))


def effect_size(pairs: list[tuple[float, float]], *, higher_is_better: bool = True) -> EffectSize:
    """Hedges' g with its 95 % CI from (input, output) per pair."""
    n = len(pairs)
    if n < MIN_PAIRS:
        return EffectSize(n=n, reason=TOO_FEW)
    before = [float(value) for value, _ in pairs]
    after = [float(value) for _, value in pairs]
    m_before, m_after = sum(before) / n, sum(after) / n
    s_before, s_after = _sd(before, m_before), _sd(after, m_after)
    s_av = math.sqrt((s_before**2 + s_after**2) / 2)
    if s_av == 0:
        return EffectSize(n=n, reason=NO_SPREAD)
    r = 0.0
    if s_before > 0 and s_after > 0:
        covariance = sum(
            (x - m_before) * (y - m_after) for x, y in zip(before, after, strict=True)
        ) / (n - 1)
        r = max(-1.0, min(1.0, covariance / (s_before * s_after)))
    d = (m_after - m_before) / s_av
    if not higher_is_better:
        d = -d
    j = 1 - 3 / (4 * (n - 1) - 1)
    variance = (1 / n + d**2 / (2 * n)) * 2 * (1 - r)
    half = Z_95 * j * math.sqrt(variance)
    g = j * d
    return EffectSize(n=n, g=g, low=g - half, high=g + half, r=r)
