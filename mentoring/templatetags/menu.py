"""The school's links in the site menu: only those the signed-in user may open."""

from django import template

from .. import access
from ..models import Programme, School

register = template.Library()


@register.simple_tag(takes_context=True)
def school_menu(context) -> list[tuple[str, str]]:
    """(label, address) of the page's school panel and roadmap, each under the permission its
    view asks (``school.read``): a mentor sees neither, since both would answer 404."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return []
    school = context.get("school")
    programme = context.get("programme")
    links = []
    if isinstance(school, School) and access.can(user, "school.read", school.pk):
        links.append((school.short_name, school.get_absolute_url()))
    if isinstance(programme, Programme) and access.can(user, "school.read", programme.school_id):
        links.append(("Дорожная карта", programme.get_absolute_url()))
    return links
