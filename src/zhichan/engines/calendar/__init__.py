"""Legal time limits in calendar days, working days, months, years and hours (pure, no Django).

Why: every procedure of the platform (patent ruling under Decree 81, mediation and judicial
confirmation, fair complaints, e-commerce notices) runs on statutory clocks, and a clock that is a
day off across the Spring Festival or a make-up working Saturday is a wrong legal answer. This engine
computes them from the official holiday notices and the Civil Code, and says how it got there.

Public API
----------
Calendar data (`workdays`):

- `default_calendar() -> WorkCalendar`: the official holidays and make-up working days from the
  pinned `chinese-calendar` package; `WorkCalendar.source` names the package version and years.
- `WorkCalendar.with_entries(entries, label) -> WorkCalendar`: overlay an imported yearly table (its
  rows replace the package's days; its years become covered). `load_table(path)` reads a `.csv` or
  `.json` table; `parse_table(rows, origin)` validates rows the platform already holds (e.g. from the
  database). Format: `date,kind,name,source` with kind `holiday` or `workday`. Errors: `TableError`
  (names the file, row and field).
- `WorkCalendar.day(d) -> DayInfo` (kind: workday, makeup_workday, weekend, holiday, and the
  holiday's name), `is_working_day(d)`, `next_working_day(d)`, `working_days_between(after, until)`.
  A day in a year without data raises `YearNotCovered` (`.year`, `.covered`), unless the calendar is
  `.estimating()`: then a year after the last notice counts by the statutory holidays of the 2024
  《全国年节及纪念日放假办法》 with weekends (`statutory`), its days marked `provisional`, and every
  deadline touching it has `provisional_years` and a step saying so.
- `statutory_days(year)`, `provisional_holidays(year)`, `missing_statutory_days(year, holidays)`: the
  13 statutory days of a year (lunar dates and 清明 from `lunar-python`), with the make-up days of
  Art. 6, and those a year's imported table leaves out.

Periods (`periods`):

- `Period(amount, Unit)`, `Period.of_rule(key)` for a period set by `legal_rules.csv`
  (e.g. `Period.of_rule("decree81.defence")` is 15 days). Units: days, working_days, months,
  years, hours.
- `compute_deadline(start, period, calendar, *, excluded=()) -> Deadline`: due date by the Civil Code
  Art. 200-204 (start day not counted; corresponding date or month end; a last day that is not a
  working day moves to the next working day; 24:00 Beijing time). Hour periods take an aware
  `datetime` start and are not moved for holidays.
- `Deadline`: `start`, `period`, `due`, `expires_at` (aware, Beijing time), `steps` (each a `Step`
  with `zh`, `en`, `rule_key`, `basis`), `calendar_source`, and `as_dict()` (the `--json` shape).
- `add_months(d, n)`, `end_of_day(d)`, `BEIJING` (UTC+8).

Clocks (`clock`):

- `Clock(start, period, rule_key="")` or `Clock.for_rule(key, start)`; immutable, each event returns
  a new clock: `.pause(PauseKind, on, reason="")`, `.resume(on)`,
  `.extend(period, *, approved_by, approved_on, rule_key="")` (the rule's value caps the total
  extension under that key). Invalid events raise `ClockError`.
- `.deadline(calendar, today) -> Deadline` and `.status(calendar, today) -> ClockStatus` (`state`
  running/paused/expired, `due`, `remaining` timedelta, `remaining_working_days`, `steps`,
  `as_dict()`). `today` is always passed in: a date (or an aware datetime, read in Beijing time)
  for day clocks, an aware datetime for hour clocks.

Command line: `zhichan deadline --start YYYY-MM-DD (--working-days N | --days N | --months N) [--json]`
(see `zhichan.engines.calendar.cli`).
"""

from zhichan.engines.calendar.clock import (
    Clock,
    ClockError,
    ClockState,
    ClockStatus,
    Extension,
    Pause,
    PauseKind,
)
from zhichan.engines.calendar.periods import (
    BEIJING,
    Deadline,
    Period,
    Span,
    Step,
    Unit,
    add_months,
    compute_deadline,
    end_of_day,
)
from zhichan.engines.calendar.statutory import missing_statutory_days, provisional_holidays, statutory_days
from zhichan.engines.calendar.workdays import (
    CalendarEntry,
    DayInfo,
    DayKind,
    EntryKind,
    TableError,
    WorkCalendar,
    YearNotCovered,
    default_calendar,
    load_table,
    parse_table,
)

__all__ = [
    "BEIJING",
    "CalendarEntry",
    "Clock",
    "ClockError",
    "ClockState",
    "ClockStatus",
    "DayInfo",
    "DayKind",
    "Deadline",
    "EntryKind",
    "Extension",
    "Pause",
    "PauseKind",
    "Period",
    "Span",
    "Step",
    "TableError",
    "Unit",
    "WorkCalendar",
    "YearNotCovered",
    "add_months",
    "compute_deadline",
    "default_calendar",
    "end_of_day",
    "load_table",
    "missing_statutory_days",
    "parse_table",
    "provisional_holidays",
    "statutory_days",
]
