"""Print, as Markdown, every disagreement between libtthc and Hồ Ngọc Đức's tables listed in
tests/data/lunar_hnd_differences.txt, with the instants that explain it: the new moons at the
edges of each run of days and the major solar terms near local midnight. docs/lunar.md carries
its output. (Not a test: tests/test_lunar_reference.c checks the list itself.)

usage: PYTHONPATH=bindings/python python3 tests/python/lunar_hnd_report.py
"""
import datetime as dt
import pathlib

from tthc import lunar

DATA = pathlib.Path(__file__).resolve().parents[1] / "data" / "lunar_hnd_differences.txt"


def reckoning(conv, day):
    """UTC offset (hours) that dates `day` in convention `conv`."""
    if conv == "utc7" or day >= lunar.to_solar(1968, 1, 1, convention="utc7"):
        return 7
    return 8


def clock(instant, hours):
    local = instant + dt.timedelta(hours=hours)
    return local.strftime("%Y-%m-%d %H:%M:%S")


def new_moons_near(conv, day):
    """New moons whose local day is within a day of `day`."""
    ld = lunar.to_lunar(day, convention=conv)
    info = lunar.month_info(ld.year, ld.month, ld.leap, convention=conv)
    found = []
    for k in range(info.lunation - 1, info.lunation + 2):
        t = lunar.new_moon(k)
        h = reckoning(conv, day)
        local_day = (t + dt.timedelta(hours=h)).date()
        if abs((local_day - day).days) <= 1:
            found.append((t, h))
    return found


def terms_near_midnight(conv, first, last, minutes=30):
    out = []
    for year in range(first.year - 1, last.year + 1):
        for term in lunar.solar_terms(year, convention=conv):
            if not term.major or not first - dt.timedelta(days=60) <= term.date <= last:
                continue
            h = reckoning(conv, term.date)
            local = term.instant + dt.timedelta(hours=h)
            since = local - dt.datetime.combine(local.date(), dt.time(), tzinfo=local.tzinfo)
            m = since.total_seconds() / 60
            if m < minutes or m > 1440 - minutes:
                out.append((term, h))
    return out


def fmt(ld):
    return f"{ld[2]}/{ld[1]}{' nhuận' if ld[3] else ''}/{ld[0]}"


def main():
    print("| # | convention | days | libtthc on the first day | HND | instants (UT → local) |")
    print("|---|---|---|---|---|---|")
    n = 0
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("#")
        conv, first, days = fields[0].split()
        hnd = fields[1].split("HND")[1].strip()
        first = dt.date.fromisoformat(first)
        last = first + dt.timedelta(days=int(days) - 1)
        ours = lunar.to_lunar(first, convention=conv)
        y, m, d = hnd.rstrip("L").split("-")
        theirs = (int(y), int(m), int(d), hnd.endswith("L"))
        why = []
        for edge in (first, last + dt.timedelta(days=1)):
            for t, h in new_moons_near(conv, edge):
                why.append(f"new moon {t:%Y-%m-%d %H:%M:%S} → {clock(t, h)} UTC+{h}")
        for term, h in terms_near_midnight(conv, first, last):
            why.append(f"{term.name} {term.instant:%Y-%m-%d %H:%M:%S} → "
                       f"{clock(term.instant, h)} UTC+{h}")
        n += 1
        span = f"{first} – {last} ({days})"
        print(f"| {n} | {conv} | {span} | {fmt(ours)} | {fmt(theirs)} | {'; '.join(why)} |")


if __name__ == "__main__":
    main()
