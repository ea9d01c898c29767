"""Every named URL pattern of the project (the admin aside), with the names of its kwargs."""

from django.urls import URLPattern, URLResolver, get_resolver


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name"
            yield f"{namespace}{entry.name}", tuple(entry.pattern.regex.groupindex)


def routes() -> list[tuple[str, tuple[str, ...]]]:
    """(URL name, kwargs) of every pattern, sorted; a name may appear with several kwarg sets."""
    return sorted(set(_walk(get_resolver().url_patterns)))
