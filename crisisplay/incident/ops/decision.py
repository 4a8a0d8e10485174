"""What deciding a request gives: the events to record, or why there is nothing to record."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from crisisplay.errors import UsageError
from crisisplay.incident.rules import Verdict
from crisisplay.incident.situation import Situation
from crisisplay.timeline.payloads import Payload


class Request:
    """What a person asks to do on the incident: one frozen dataclass per kind of act, declared
    beside the operation that decides it (``@operation``). A request names exactly what it
    answers (the update promised for 19:30, not "an update"), so that deciding it again after
    someone else recorded first finds it done instead of doing it twice."""

    __slots__ = ()


Operation = Callable[[Any, str, Any], "Decision"]
_OPERATIONS: dict[type, Operation] = {}
R = TypeVar("R", bound=Request)


def operation(
    request: type[R],
) -> Callable[[Callable[[Situation, str, R], Decision]], Callable[[Situation, str, R], Decision]]:
    """Declare the function that decides ``request``: the one engine's table of acts."""

    def register(
        decide: Callable[[Situation, str, R], Decision],
    ) -> Callable[[Situation, str, R], Decision]:
        _OPERATIONS[request] = decide
        return decide

    return register


def decide(situation: Situation, person: str, request: Request) -> Decision:
    """The events ``person`` records by ``request`` on ``situation`` (pure)."""
    return _OPERATIONS[type(request)](situation, person, request)


class Refused(UsageError):
    """The act cannot be done on the situation as it stands (exit 2 at a member's command; a
    notice on the lead's board, which asks again once something changed)."""


class NotAllowed(Refused):
    """The rule book's refusal: the person may not do this act (with who may)."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.reason)
        self.who = verdict.who


def allowed(verdict: Verdict) -> None:
    if not verdict:
        raise NotAllowed(verdict)


@dataclass(frozen=True)
class Decision:
    """The events of one act (all or none), in the role they are recorded in; or ``already``,
    what someone did first; ``refused``: why the act itself did not happen, said after its
    events (a rendering recorded for validators) are recorded."""

    payloads: tuple[Payload, ...] = ()
    role: str | None = None
    already: str | None = None
    refused: str | None = None
    #: what its person is shown (the texts rendered)
    shown: tuple[Any, ...] = ()


def done_already(text: str) -> Decision:
    return Decision(already=text)


def acts(payloads: Sequence[Payload], role: str | None, **extra: Any) -> Decision:
    return Decision(tuple(payloads), role, **extra)
