"""Names in the case the sentence of a page needs: ``{{ name|in_case:"instrumental" }}``,
«Фамилия И.О.» with ``short_in_case``."""

from django import template

from ..declension import name_in

register = template.Library()


@register.filter
def in_case(name, case: str) -> str:
    return name_in(str(name or ""), case)


@register.filter
def short_in_case(name, case: str) -> str:
    return name_in(str(name or ""), case, short=True)
