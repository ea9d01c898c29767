from mentoring.errors import DomainError


class ImportFileError(DomainError):
    """The file as a whole cannot be imported; nothing is written. The message is in Russian."""
