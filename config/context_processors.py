from mentoring import access
from mentoring.models import Municipality, Region
from mentoring.two_factor import can_use_two_factor


def navigation(request):
    """Roles of the signed-in user, for the menu: a regional officer's menu names the region, not
    each of its municipalities."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = access.roles_of(user)
    regions = Region.objects.for_user(user) if roles & access.roles_for("region.read") else []
    return {
        "nav_is_mentor": access.MENTOR in roles,
        "nav_has_roles": bool(roles),
        "nav_two_factor": can_use_two_factor(user),
        "nav_regions": regions,
        "nav_municipalities": (
            Municipality.objects.filter(
                pk__in=access.municipality_ids(user, "municipality.accounting")
            )
            if regions
            else Municipality.objects.for_user(user)
            if roles & access.roles_for("municipality.read")
            else []
        ),
    }
