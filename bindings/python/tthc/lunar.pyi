import datetime
from typing import Literal, NamedTuple

__all__ = ["LunarDate", "CanChi", "MonthInfo", "SolarTerm", "CONVENTIONS", "to_lunar",
           "to_solar", "to_solar_regular", "leap_month", "month_length", "month_info",
           "new_moon", "can_chi", "year_name", "cycle_name", "month_name", "format_lunar",
           "solar_terms", "solar_term_name", "DATE_MIN", "DATE_MAX"]

Convention = Literal["vietnam", "utc7", "utc8"]
CONVENTIONS: dict[str, int]
DATE_MIN: datetime.date
DATE_MAX: datetime.date

class LunarDate(NamedTuple):
    year: int
    month: int
    day: int
    leap: bool

class CanChi(NamedTuple):
    year: str
    month: str
    day: str

class MonthInfo(NamedTuple):
    first_day: datetime.date
    length: int
    lunation: int
    new_moon: datetime.datetime
    utc_offset: datetime.timedelta

class SolarTerm(NamedTuple):
    name: str
    longitude: int
    major: bool
    date: datetime.date
    instant: datetime.datetime

def to_lunar(date: datetime.date, convention: Convention = ...) -> LunarDate: ...
def to_solar(year: int, month: int, day: int, leap: bool = ...,
             convention: Convention = ...) -> datetime.date: ...
def to_solar_regular(year: int, month: int, day: int,
                     convention: Convention = ...) -> tuple[datetime.date, bool]: ...
def leap_month(year: int, convention: Convention = ...) -> int: ...
def month_length(year: int, month: int, leap: bool = ..., convention: Convention = ...) -> int: ...
def month_info(year: int, month: int, leap: bool = ...,
               convention: Convention = ...) -> MonthInfo: ...
def new_moon(lunation: int) -> datetime.datetime: ...
def can_chi(date: datetime.date, convention: Convention = ...) -> CanChi: ...
def year_name(year: int) -> str: ...
def cycle_name(index: int) -> str: ...
def month_name(month: int) -> str: ...
def format_lunar(ld: LunarDate | tuple[int, int, int, bool]) -> str: ...
def solar_terms(year: int, convention: Convention = ...) -> list[SolarTerm]: ...
def solar_term_name(longitude: int) -> str: ...
