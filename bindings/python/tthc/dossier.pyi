import datetime
from typing import Any, Callable, Iterable, Iterator, Literal, NamedTuple

from .calendar import Calendar
from .deadline import Limit, Policy, WorkingHours

__all__ = ["Dossier", "Event", "Status", "DossierCode", "parse_code", "format_code",
           "read_dossiers", "write_dossiers", "Feedback", "feedback_status", "FeedbackStatus",
           "EVENT_KINDS", "STATES", "CATEGORIES", "CHANNELS"]

EVENT_KINDS: tuple[str, ...]
STATES: tuple[str, ...]
CATEGORIES: tuple[str, ...]
CHANNELS: tuple[str, ...]
_Instant = datetime.datetime

class _EventTuple(NamedTuple):
    kind: str
    at: datetime.datetime
    due: datetime.datetime | None
    text: str | None
    channel: str | int | None
    flags: frozenset[str]

class Event(_EventTuple):
    @property
    def label_vi(self) -> str: ...

class Status(NamedTuple):
    state: str
    category: str
    category_vi: str
    accepted_at: datetime.datetime | None
    original_due: datetime.datetime | None
    appointment: datetime.datetime | None
    due: datetime.datetime | None
    finished_at: datetime.datetime | None
    used: datetime.timedelta
    working: datetime.timedelta | None
    budget: datetime.timedelta | None
    paused: datetime.timedelta
    supplementation: datetime.timedelta
    supplement_rounds: int
    pauses: int
    apology_issued: bool
    apology_in_time: bool
    apology_owed: bool
    closed_in_time: bool
    result_electronic: bool
    result_digitised: bool
    paid_online: int | None
    return_channel: str | None

class Dossier:
    code: str
    procedure: str
    unit: str
    field: str
    receiving_unit: str
    received_at: datetime.datetime
    channel: Literal["direct", "online", "postal"] | None
    online: str
    flags: set[str]
    fee: int | None
    result_document: bool | None
    four_at_place: bool | None
    @property
    def limit(self) -> Limit | None: ...
    @limit.setter
    def limit(self, value: Limit | str | None) -> None: ...
    def __init__(self, code: str | None = ..., received_at: _Instant | None = ...,
                 **attrs: Any) -> None: ...
    def copy(self) -> Dossier: ...
    def evaluation(self, index: int) -> int | None: ...
    def set_evaluation(self, index: int, score: int | None) -> None: ...
    def append(self, kind: str | int, at: _Instant, due: _Instant | None = ...,
               text: str | None = ..., channel: str | int | None = ..., electronic: bool = ...,
               digitised: bool = ...) -> None: ...
    def accept(self, at: _Instant, due: _Instant | None = ...) -> None: ...
    def done_step(self, at: _Instant, step: str | None = ...) -> None: ...
    def request_supplement(self, at: _Instant, reason: str | None = ...) -> None: ...
    def receive_supplement(self, at: _Instant, due: _Instant | None = ...) -> None: ...
    def pause(self, at: _Instant, reason: str) -> None: ...
    def resume(self, at: _Instant, reason: str | None = ...) -> None: ...
    def refuse(self, at: _Instant, reason: str) -> None: ...
    def issue_result(self, at: _Instant, electronic: bool = ..., digitised: bool = ...) -> None: ...
    def apologise(self, at: _Instant, new_due: _Instant, reason: str | None = ...) -> None: ...
    def return_result(self, at: _Instant,
                      channel: Literal["counter", "post", "electronic"] = ...) -> None: ...
    def withdraw(self, at: _Instant, reason: str | None = ...) -> None: ...
    def pay_online(self, at: _Instant, gateway: int = ...) -> None: ...
    def __len__(self) -> int: ...
    def __getitem__(self, i: int) -> Event: ...
    def __iter__(self) -> Iterator[Event]: ...
    def status(self, at: _Instant | None = ..., policy: Iterable[str] | int = ...,
               calendar: Calendar | None = ..., hours: WorkingHours | None = ...,
               deadline_policy: Policy | None = ..., clock: bool = ...) -> Status: ...
    def to_json(self) -> str: ...
    @classmethod
    def from_json(cls, text: str | bytes) -> Dossier: ...

class _CodeTuple(NamedTuple):
    layout: int
    agency: str
    date: datetime.date
    system: int | None
    sequence: int
    digits: int

class DossierCode(_CodeTuple): ...

def parse_code(text: str) -> DossierCode: ...
def format_code(code: DossierCode | None = ..., *, layout: int | None = ...,
                agency: str | None = ..., date: datetime.date | None = ...,
                system: int | None = ..., sequence: int | None = ..., digits: int = ...) -> str: ...
def read_dossiers(source: str | bytes | Any, format: Literal["jsonl", "csv"] | None = ...,
                  strict: bool = ...,
                  errors: Literal["raise", "skip"] | Callable[[Exception], Any] = ...
                  ) -> Iterator[Dossier]: ...
def write_dossiers(path: str | Any, dossiers: Iterable[Dossier],
                   format: Literal["jsonl", "csv"] | None = ...) -> None: ...

class Feedback(NamedTuple):
    received_at: _Instant
    refused_at: _Instant | None = ...
    supplement_at: _Instant | None = ...
    handled_at: _Instant | None = ...
    published_at: _Instant | None = ...
    classified: bool = ...
    disliked: bool = ...
    raised_again: bool = ...

class FeedbackStatus(NamedTuple):
    stage: str
    on_time: bool
    late_step: str | None
    satisfied: bool
    refuse_by: datetime.date
    supplement_by: datetime.date
    handle_by: datetime.date
    publish_by: datetime.date | None

def feedback_status(feedback: Feedback, at: _Instant,
                    calendar: Calendar | None = ...) -> FeedbackStatus: ...
