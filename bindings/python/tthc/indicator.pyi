import datetime
from typing import Any, Iterable, Iterator, Literal, Mapping, NamedTuple, Sequence

from .calendar import Calendar
from .deadline import Policy, WorkingHours
from .dossier import Dossier, Feedback
from .procedure import Catalog

__all__ = ["Aggregate", "Group", "Rate", "TimeStats", "Evaluation", "Index766", "Score766",
           "Targets", "TargetCheck", "Reconciliation", "Difference", "rank", "format_rank",
           "format_percent", "evaluation_score", "report_dates", "COUNTS", "RATES", "GRADES",
           "GRADES_VI", "GROUPS_766"]

COUNTS: tuple[str, ...]
RATES: tuple[str, ...]
GRADES: tuple[str | None, ...]
GRADES_VI: tuple[str | None, ...]
GROUPS_766: tuple[str, ...]

class _RateTuple(NamedTuple):
    num: int
    den: int
    value: float
    applicable: bool

class Rate(_RateTuple):
    def format(self, decimals: int = ...) -> str: ...
    @classmethod
    def of(cls, num: int, den: int) -> Rate: ...

class TimeStats(NamedTuple):
    count: int
    working: bool
    sum: int
    min: int
    max: int
    mean: float
    median: float
    median_lo: int
    median_hi: int
    median_exact: bool
    budgeted: int
    used_budgeted: int
    budget: int
    used_share: Rate

class Evaluation(NamedTuple):
    scores: tuple[float | None, ...]
    counts: tuple[int, ...]
    derived: tuple[bool, ...]
    total: float
    indices: int
    grade: str | None
    sources: tuple[Literal["dossiers", "counts", "catalog"], ...]

class Score766(NamedTuple):
    total: float
    max: float
    share: float
    grade: str | None
    groups: dict[str, tuple[float, float]]
    items: dict[str, tuple[float, Rate]]
    times_applied: tuple[str, ...]
    times_missing: tuple[str, ...]

class TargetCheck(NamedTuple):
    rate: str
    kind: Literal["min", "max"]
    bound: float
    actual: Rate
    passed: bool | None
    gap: float

class Difference(NamedTuple):
    kind: Literal["only_a", "only_b", "mismatch", "duplicate"]
    code: str
    field: str
    a: str
    b: str

class Aggregate:
    def __init__(self, by: Sequence[str] = ..., as_of: datetime.datetime | None = ...,
                 policy: Iterable[str] | int = ..., calendar: Calendar | None = ...,
                 hours: WorkingHours | None = ..., deadline_policy: Policy | None = ...,
                 catalog: Catalog | None = ..., clock: bool = ..., _handle: Any = ...) -> None: ...
    def add(self, dossier: Dossier) -> None: ...
    def add_many(self, dossiers: Iterable[Dossier]) -> Aggregate: ...
    def add_feedback(self, unit: str | None, feedback: Feedback) -> None: ...
    def merge(self, other: Aggregate) -> Aggregate: ...
    def rollup(self, by: Sequence[str]) -> Aggregate: ...
    @property
    def skipped(self) -> dict[str, int]: ...
    def __len__(self) -> int: ...
    @property
    def groups(self) -> list[Group]: ...
    def __iter__(self) -> Iterator[Group]: ...
    def find(self, unit: str | None = ..., field: str | None = ..., procedure: str | None = ...,
             period: datetime.date | None = ...) -> Group | None: ...

class Group:
    unit: str
    field: str
    procedure: str
    period: str | None
    period_start: datetime.date | None
    period_end: datetime.date | None
    def __init__(self, agg: Aggregate, index: int) -> None: ...
    @property
    def counts(self) -> dict[str, int]: ...
    def rate(self, name: str | int) -> Rate: ...
    @property
    def rates(self) -> dict[str, Rate]: ...
    @property
    def time(self) -> TimeStats: ...
    @property
    def evaluation(self) -> Evaluation: ...
    def evaluate(self, catalog: Catalog | None = ..., *, level: str | None = ...,
                 online_procs_pct: int | None = ..., online_high_pct: int | None = ...,
                 online_low_pct: int | None = ...,
                 full_counter_pct: Mapping[str, int] | None = ...,
                 one_stop_all: bool | None = ...) -> Evaluation: ...
    def score766(self, table: Index766 | None = ...,
                 external: Mapping[str, Rate | float] | None = ...,
                 na_zero: bool = ..., catalog: Catalog | None = ...,
                 by_procedure: Aggregate | None = ..., level: str | None = ...) -> Score766: ...
    def check(self, targets: Targets) -> list[TargetCheck]: ...

class Index766:
    items: list[Any]
    def __init__(self, _handle: Any) -> None: ...
    @classmethod
    def default(cls) -> Index766: ...
    @classmethod
    def from_json(cls, text: str | bytes) -> Index766: ...
    def to_json(self) -> str: ...
    def read_external(self, text: str | bytes) -> dict[str, Rate]: ...
    def points(self, item: int | str, rate: Rate | float) -> float: ...
    def __len__(self) -> int: ...

class Targets:
    name: str
    def __init__(self, _handle: Any) -> None: ...
    @classmethod
    def from_json(cls, text: str | bytes) -> Targets: ...
    @classmethod
    def load(cls, path: str | Any) -> Targets: ...
    def __len__(self) -> int: ...

class Reconciliation:
    FIELDS: tuple[str, ...]
    KINDS: tuple[str | None, ...]
    def __init__(self, instants: bool = ..., fields: Iterable[str] | None = ...) -> None: ...
    def add(self, side: int, dossier: Dossier) -> None: ...
    def add_many(self, side: int, dossiers: Iterable[Dossier]) -> None: ...
    def differences(self) -> list[Difference]: ...
    def counts(self) -> tuple[int, int]: ...

def rank(scores: Sequence[float | None]) -> list[int]: ...
def format_rank(rank_: int, n: int) -> str: ...
def format_percent(fraction: float, decimals: int = ...) -> str: ...
def evaluation_score(sums: Sequence[int], counts: Sequence[int]) -> Evaluation: ...
def report_dates(rule: str, start: datetime.date, first: datetime.date, last: datetime.date,
                 calendar: Calendar | None = ...
                 ) -> list[tuple[datetime.date, datetime.date]]: ...
