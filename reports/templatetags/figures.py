from django import template

from ..indicators import format_figure

register = template.Library()


@register.filter
def figure(value, kind: str = "number") -> str:
    """An indicator's value as people read it: «45 %», «77,8», «—» when there is none."""
    return format_figure(value, kind)
