"""Numbers from a query string or a form: anything but a plain id in range means «none given»."""

MAX_ID = 2**63 - 1  # the largest value of a BigAutoField


def parse_id(value) -> int | None:
    """A positive integer written in ASCII digits, or None (letters, «١٢», 5000 nines…)."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
