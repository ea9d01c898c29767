class ImportFileError(Exception):
    """The file as a whole cannot be imported; nothing is written. The message is in Russian."""
