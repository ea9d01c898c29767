from collections.abc import Iterable


class DomainError(Exception):
    """A rule of the domain refused an action. ``problems`` are the reasons in Russian, ready to
    show to the user; ``str()`` joins them."""

    joiner = "; "

    def __init__(self, problems: str | Iterable[str] = ()):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(self.joiner.join(self.problems))

    def __str__(self) -> str:
        return self.joiner.join(self.problems)
