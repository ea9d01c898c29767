from django.core.paginator import Paginator

PER_PAGE = 50


def paginate(request, queryset, per_page: int = PER_PAGE):
    """A page of the queryset (a bad page number gives the last or first page, never an error),
    and the query string of the other parameters, for the pagination links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()
