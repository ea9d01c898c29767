"""Signals of the registry for the apps that depend on it (surveys, reports).

Receivers may return a short Russian phrase describing what they did; the registry's services
add the phrases to the message shown to the user.
"""

from django.dispatch import Signal

# A consent to personal-data processing or to participation was withdrawn and the person left
# active work. Sent inside the withdrawal's transaction with consent=, participant=, by=.
consent_withdrawn = Signal()

# A participant was anonymised on request. Sent inside the transaction with participant=,
# names= (the former name forms to erase from free text), by=.
participant_anonymised = Signal()


def phrases(responses) -> list[str]:
    """The phrases receivers returned (``Signal.send`` gives (receiver, response) pairs)."""
    return [response for _, response in responses if isinstance(response, str) and response]


# A pair or group was closed (completed, or terminated early). Sent inside the closing
# transaction with pair=, early= (bool), by=; receivers may return a phrase (surveys: the exit
# questionnaires sent).
pair_closed = Signal()
