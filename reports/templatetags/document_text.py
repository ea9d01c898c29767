from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..documents.fitting import address_pieces

register = template.Library()


@register.filter
def breakable(value) -> str:
    """Text with <wbr> where a long e-mail address or link may break: after «@» and «/», before
    a dot. Other words never break inside (documents set ``overflow-wrap: normal``)."""
    words = str(value).split(" ")
    return mark_safe(
        " ".join(
            "<wbr>".join(conditional_escape(piece) for piece in address_pieces(word))
            for word in words
        )
    )
