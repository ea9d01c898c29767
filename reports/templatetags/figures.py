from django import template

from ..documents.content import format_number, format_percent

register = template.Library()


@register.filter
def figure(value, kind: str = "number") -> str:
    """An indicator's value as people read it: «45 %», «77,8», «—» when there is none."""
    if value is None or value == "":
        return "—"
    if kind == "percent":
        return format_percent(value)
    return format_number(value)
