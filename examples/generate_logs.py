#!/usr/bin/env python3
"""Generate the time logs of the example books (examples/books/timelog/).

Usage:  python3 examples/generate_logs.py [BOOKS_DIR]     (default: examples/books)

The contracts in BOOKS_DIR/contracts/*.toml are read as they are (hand-written);
this script only (re)writes BOOKS_DIR/timelog/. It is fully deterministic: every
contract has its own random generator seeded from its id (zlib.crc32, not the
randomised hash()), so running it again gives byte-identical files. The committed
timelog/ is exactly what this script writes.

What it writes, for the year 2025-11-01 .. 2026-10-31:

* timelog/YYYY/MM.toml        - [[entry]] tables for the contracts logged in TOML,
                                 and all [[expense]] tables of the month;
* timelog/YYYY/MM-mentor.csv  - the two mentor contracts, logged in a spreadsheet
                                 (columns contract,date,hours,status,staff,note);
* timelog/2026/07.csv         - July 2026: the summer temp kept every non-mentor
                                 entry in one CSV (columns in another order) ...
* timelog/2026/07-udlaeg.toml - ... and July's expenses in TOML (CSV has no expenses).

Realism rules (see SPEC.md sections 1.3 and 2):
* per contract and ISO week, 1-3 sessions on distinct weekdays that are active
  (between start and last day, not in any suspension), summing to the agreed hours
  of the week rounded down to a quarter hour, so there is never over-delivery
  except where scripted;
* occasional citizen-absent and staff-absent sessions; about half of the
  staff-absent ones are made up later in the same week;
* some TOML entries use from/to times instead of hours;
* notes are internal, contain no digits at all (so nothing can look like a CPR
  number); staff are initials;
* expenses only for contracts with [expenses] agreed = true, dated on a day
  with a delivered session.

October 2026 (the month the README invoices) is partly scripted in SCRIPTED
below, so that every rule of the spec shows up on that invoice: a deliberately
unlogged week, a staff absence made up and one not made up, citizen absence
with and without absence billing, one over-delivered week.
"""

import csv
import datetime as dt
import io
import os
import random
import sys
import tomllib
import zlib
from decimal import Decimal
from fractions import Fraction

LOG_FIRST = dt.date(2025, 11, 1)
LOG_LAST = dt.date(2026, 10, 31)
QUARTER = Fraction(1, 4)

# Per-contract logging habits: main contact person, stand-in, file format,
# share of TOML entries written with from/to, days of the week used (0 = Monday).
HABITS = {
    "2C-2025-003": dict(staff="KB", sub="SH", fmt="toml", fromto=0.35, days=(0, 1, 2, 3)),
    "2C-2025-007": dict(staff="JT", sub="LM", fmt="csv", fromto=0.0, days=(0, 1, 2, 3, 4)),
    "2C-2025-009": dict(staff="LM", sub="KB", fmt="toml", fromto=0.25, days=(1, 3)),
    "2C-2025-011": dict(staff="SH", sub="JT", fmt="toml", fromto=0.3, days=(0, 2, 4)),
    "2C-2025-014": dict(staff="LM", sub="KB", fmt="toml", fromto=0.2, days=(1, 3, 5)),
    "2C-2025-019": dict(staff="KB", sub="LM", fmt="toml", fromto=0.25, days=(0, 2, 3)),
    "2C-2026-002": dict(staff="SH", sub="KB", fmt="toml", fromto=0.3, days=(1, 3)),
    "2C-2026-004": dict(staff="JT", sub="SH", fmt="csv", fromto=0.0, days=(0, 2)),
    "2C-2026-011": dict(staff="LM", sub="KB", fmt="toml", fromto=0.3, days=(0, 2, 3)),
}

# Expenses (text, amount choices) for the contracts with an expense agreement.
EXPENSES = {
    "2C-2025-011": [("Buskort", ["24.00", "30.00"]), ("Rejsekort, bus", ["18.50", "27.00"])],
    "2C-2025-014": [("Biograf (entré)", ["85.00", "170.00"]), ("Café", ["42.50", "64.00", "96.50"]),
                    ("Bowling", ["120.00"]), ("Svømmehal (entré)", ["60.00", "90.00"])],
}

NOTES_DELIVERED = [
    "gåtur og samtale", "hjemmebesøg", "møde med sagsbehandler", "samtale om skole",
    "hjælp med lektier", "indkøb og madlavning", "opfølgning på aftaler", "tur i byen",
    "statusmøde", "telefonopfølgning med forælder", "koordinering med skolen",
    "aktivitet i fritidsklub", "samtale om venskaber", "træning af busrute",
]
NOTES_MENTOR = [
    "møde med jobcenter", "jobsøgning", "praktikbesøg", "samtale om fremmøde",
    "opfølgning, praktik", "hjælp med CV", "møde på uddannelsesstedet",
]
NOTES_CITIZEN = ["borger syg", "aflyst af borger", "udeblev", "familieferie", "lægebesøg"]
NOTES_STAFF = ["kontaktperson syg", "kursusdag", "barn syg", "aflyst af os"]

# Scripted October 2026 weeks: (contract, monday) -> list of
# (weekday, hours, status, note, fromto). An empty list = deliberately unlogged.
D = dt.date
SCRIPTED = {
    # AB: week 41 unlogged on purpose (billed in full, `check` warns);
    # week 42: staff absence of 2.5 h made up on Thursday -> 7.5 billed.
    ("2C-2025-003", D(2026, 10, 5)): [],
    ("2C-2025-003", D(2026, 10, 12)): [
        (0, "2.5", "delivered", "samtale om skole", None),
        (1, "2.5", "staff-absent", "kontaktperson syg", None),
        (3, "5", "delivered", "indhentet efter aflysning", ("14:00", "19:00")),
    ],
    # EF: week 42 staff absence not made up (6 of 10 billed);
    # week 43 citizen absence (billed); week 44 is the last, 6-day week.
    ("2C-2025-007", D(2026, 10, 12)): [
        (0, "4", "delivered", "møde med jobcenter", None),
        (2, "4", "staff-absent", "mentor på kursus", None),
        (3, "2", "delivered", "", None),
    ],
    ("2C-2025-007", D(2026, 10, 19)): [
        (0, "4", "delivered", "praktikbesøg", None),
        (1, "3", "citizen-absent", "udeblev", None),
        (3, "3", "delivered", "", None),
    ],
    ("2C-2025-007", D(2026, 10, 26)): [
        (0, "4", "delivered", "afsluttende samtale", None),
        (2, "4.5", "delivered", "overlevering til jobcenter", None),
    ],
    # GH: week 43 over-delivered (7 of 6 hours; the extra hour is not billed).
    ("2C-2025-011", D(2026, 10, 19)): [
        (0, "2.5", "delivered", "flytning, pakning", ("09:00", "11:30")),
        (2, "2.5", "delivered", "flytning, ny adresse", None),
        (4, "2", "delivered", "ekstra tid ved flytning", None),
    ],
    # IJ (absence not billed): week 41 the family cancelled one session.
    ("2C-2025-014", D(2026, 10, 5)): [
        (1, "3", "delivered", "tur i byen", ("15:00", "18:00")),
        (3, "2", "citizen-absent", "aflyst af familien", None),
    ],
    # MN: billed suspension from Wednesday; only Monday is logged (1.25 of 10/7 h).
    ("2C-2026-002", D(2026, 10, 12)): [
        (0, "1.25", "delivered", "samtale før lejrskole", ("15:00", "16:15")),
    ],
    # OP: the last, partial week (Monday-Wednesday): 1.25 delivered of 9/7.
    ("2C-2026-004", D(2026, 10, 26)): [
        (0, "1.25", "delivered", "afslutning af forløbet", None),
    ],
    # QR: first week, starts Wednesday 14 October (5/7 of 7 h = 5 h).
    ("2C-2026-011", D(2026, 10, 12)): [
        (2, "1.5", "delivered", "opstartsmøde med familie og sagsbehandler", ("13:00", "14:30")),
        (4, "3.5", "delivered", "første aktivitet", None),
    ],
}


# Scripted expenses, added to those drawn at random: contract -> (date, text, amount).
SCRIPTED_EXPENSES = [
    ("2C-2025-014", D(2026, 10, 6), "Biograf (entré)", "170.00"),
]


# ---------------------------------------------------------------- contracts

def month_end(year, month):
    """Last day of the given month (month may be 13 = January of the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


class Contract:
    def __init__(self, data):
        self.id = data["id"]
        self.start = data["start"]
        self.expenses = data.get("expenses", {}).get("agreed", False)
        last = data.get("end")
        term = data.get("termination")
        if term:
            if "end" in term:
                t_end = term["end"]
            else:  # only the default rule "løbende måned + 1" is used in the examples
                assert data.get("notice", "løbende måned + 1") == "løbende måned + 1"
                t_end = month_end(term["given"].year, term["given"].month + 1)
            last = t_end if last is None else min(last, t_end)
        self.last = last
        self.suspensions = [(s["from"], s["to"], s.get("billed", False))
                            for s in data.get("suspension", [])]
        self.terms = [(self.start, {"hours_per_week": data.get("hours_per_week"),
                                    "rate": data.get("rate")})]
        for t in sorted(data.get("terms", []), key=lambda t: t["from"]):
            self.terms.append((t["from"], t))

    def hours_per_week(self, d):
        value = None
        for since, t in self.terms:
            if since <= d and t.get("hours_per_week") is not None:
                value = t["hours_per_week"]
        return Fraction(str(value))

    def loggable(self, d):
        """Active and not inside any suspension (billed or not)."""
        if d < self.start or (self.last and d > self.last):
            return False
        return not any(a <= d <= b for a, b, _ in self.suspensions)


def load_contracts(books):
    out = []
    folder = os.path.join(books, "contracts")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), "rb") as f:
                out.append(Contract(tomllib.load(f)))
    return out


# ---------------------------------------------------------------- generation

def fmt_hours(h):
    s = f"{Decimal(h.numerator) / Decimal(h.denominator):.2f}".rstrip("0").rstrip(".")
    return s


def floor_quarter(x):
    return Fraction(int(x / QUARTER), 1) * QUARTER


def split(total, parts, rng):
    """Split total (multiple of 1/4) into `parts` chunks of >= 1 h, multiples of 1/2 where possible."""
    if parts == 1 or total < 2 * parts:
        return [total]
    chunks = []
    rest = total
    for i in range(parts - 1):
        remaining_parts = parts - i
        max_here = rest - (remaining_parts - 1)
        share = rest / remaining_parts
        c = Fraction(round(share * 2 * Fraction(rng.choice([8, 9, 10, 11, 12]), 10)), 2)
        c = max(Fraction(1), min(c, max_here))
        chunks.append(c)
        rest -= c
    chunks.append(rest)
    return chunks


def fromto_for(hours, rng):
    starts = ["09:00", "09:30", "10:00", "13:00", "14:00", "14:30", "15:00", "16:00"]
    begin = rng.choice(starts)
    h, m = map(int, begin.split(":"))
    mins = h * 60 + m + int(hours * 60)
    if mins >= 22 * 60:
        return None
    return begin, f"{mins // 60:02d}:{mins % 60:02d}"


def is_holiday(d):
    # Christmas/New Year, Easter, Ascension Day and Whit Monday: no sessions.
    return d in {dt.date(2025, 12, 24), dt.date(2025, 12, 25), dt.date(2025, 12, 26),
                 dt.date(2025, 12, 31), dt.date(2026, 1, 1),
                 dt.date(2026, 4, 2), dt.date(2026, 4, 3), dt.date(2026, 4, 6),
                 dt.date(2026, 5, 14), dt.date(2026, 5, 25)}


def generate(contracts):
    entries = []   # dicts: contract, date, hours, status, staff, note, fromto
    expenses = []  # dicts: contract, date, amount, text
    for c in contracts:
        habits = HABITS[c.id]
        rng = random.Random(zlib.crc32(c.id.encode()))
        monday = LOG_FIRST + dt.timedelta(days=(7 - LOG_FIRST.weekday()) % 7)
        while monday <= LOG_LAST:
            days = [monday + dt.timedelta(days=i) for i in range(7)]
            key = (c.id, monday)
            if key in SCRIPTED:
                for wd, hours, status, note, ft in SCRIPTED[key]:
                    d = days[wd]
                    assert c.loggable(d) and LOG_FIRST <= d <= LOG_LAST, (c.id, d)
                    entries.append(dict(contract=c.id, date=d, hours=Fraction(hours), status=status,
                                        staff=habits["staff"], note=note, fromto=ft))
                _expenses_for_week(c, [e for e in entries if e["contract"] == c.id
                                       and monday <= e["date"] < monday + dt.timedelta(days=7)],
                                   rng, expenses)
                monday += dt.timedelta(days=7)
                continue
            agreed = sum((c.hours_per_week(d) / 7 for d in days if c.loggable(d)), Fraction(0))
            usable = [d for d in days if d.weekday() in habits["days"] and c.loggable(d)
                      and LOG_FIRST <= d <= LOG_LAST and not is_holiday(d)]
            if agreed == 0 or not usable:
                monday += dt.timedelta(days=7)
                continue
            target = floor_quarter(agreed)
            if rng.random() < 0.08 and target > 2:
                target -= Fraction(rng.choice([1, 2]), 2)   # a short week
            n = min(3, int(target // 2), rng.choice([1, 2, 2, 3, 3]))
            n = max(n, -int(-target // Fraction(9, 2)), 1)   # sessions of at most ~4.5 h
            n = min(n, len(usable))
            target = min(target, 5 * n)                       # few usable days: a short week
            sess_days = sorted(rng.sample(usable, n))
            chunks = split(target, n, rng)
            summer = monday.month == 7
            week = []
            for d, h in zip(sess_days, chunks):
                staff = habits["sub"] if rng.random() < 0.08 else habits["staff"]
                status, note = "delivered", ""
                r = rng.random()
                if r < (0.2 if summer else 0.06):
                    status = "citizen-absent"
                    note = "sommerferie" if summer else rng.choice(NOTES_CITIZEN)
                elif r < (0.23 if summer else 0.1):
                    status = "staff-absent"
                    note = rng.choice(NOTES_STAFF)
                elif rng.random() < 0.35:
                    pool = NOTES_MENTOR if habits["fmt"] == "csv" else NOTES_DELIVERED
                    note = rng.choice(pool)
                ft = None
                if habits["fromto"] and status == "delivered" and rng.random() < habits["fromto"]:
                    ft = fromto_for(h, rng)
                week.append(dict(contract=c.id, date=d, hours=h, status=status,
                                 staff=staff, note=note, fromto=ft))
            # make up a staff absence later in the same week, about half the time
            for e in list(week):
                if e["status"] == "staff-absent" and rng.random() < 0.5:
                    later = [d for d in usable if d > e["date"] and all(x["date"] != d for x in week)]
                    if later:
                        week.append(dict(contract=c.id, date=later[0], hours=e["hours"],
                                         status="delivered", staff=habits["staff"],
                                         note="indhentet", fromto=None))
            entries.extend(week)
            _expenses_for_week(c, week, rng, expenses)
            monday += dt.timedelta(days=7)
    return entries, expenses


def _expenses_for_week(c, week, rng, expenses):
    if not c.expenses or c.id not in EXPENSES:
        return
    delivered = [e for e in week if e["status"] == "delivered"]
    if not delivered or rng.random() > 0.45:
        return
    e = rng.choice(delivered)
    text, amounts = rng.choice(EXPENSES[c.id])
    expenses.append(dict(contract=c.id, date=e["date"], amount=rng.choice(amounts), text=text))


# ---------------------------------------------------------------- writing

MONTHS_DA = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
             "september", "oktober", "november", "december"]
CSV_MONTH = (2026, 7)        # the month kept entirely in CSV
HEADER = "# Tidsregistrering {m} {y} - 2nd Chance 2020.\n" \
         "# Generated by examples/generate_logs.py; do not edit by hand.\n"


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_toml(path, y, m, entries, expenses):
    out = io.StringIO()
    out.write(HEADER.format(m=MONTHS_DA[m - 1], y=y))
    for e in entries:
        out.write("\n[[entry]]\n")
        out.write(f"contract = {toml_str(e['contract'])}\n")
        out.write(f"date     = {e['date'].isoformat()}\n")
        if e["fromto"]:
            out.write(f"from     = {e['fromto'][0]}:00\n")
            out.write(f"to       = {e['fromto'][1]}:00\n")
        else:
            out.write(f"hours    = {fmt_hours(e['hours'])}\n")
        if e["status"] != "delivered":
            out.write(f"status   = {toml_str(e['status'])}\n")
        out.write(f"staff    = {toml_str(e['staff'])}\n")
        if e["note"]:
            out.write(f"note     = {toml_str(e['note'])}\n")
    for x in expenses:
        out.write("\n[[expense]]\n")
        out.write(f"contract = {toml_str(x['contract'])}\n")
        out.write(f"date     = {x['date'].isoformat()}\n")
        out.write(f"amount   = {x['amount']}\n")
        out.write(f"text     = {toml_str(x['text'])}\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(out.getvalue())


def write_csv(path, entries, columns):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for e in entries:
        row = dict(contract=e["contract"], date=e["date"].isoformat(), hours=fmt_hours(e["hours"]),
                   status="" if e["status"] == "delivered" else e["status"],
                   staff=e["staff"], note=e["note"])
        w.writerow([row[c] for c in columns])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(out.getvalue())


def main():
    books = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "books")
    contracts = load_contracts(books)
    fmt = {c.id: HABITS[c.id]["fmt"] for c in contracts}
    entries, expenses = generate(contracts)
    for cid, day, text, amount in SCRIPTED_EXPENSES:
        expenses.append(dict(contract=cid, date=day, amount=amount, text=text))
    entries.sort(key=lambda e: (e["date"], e["contract"]))
    expenses.sort(key=lambda x: (x["date"], x["contract"]))
    root = os.path.join(books, "timelog")
    months = sorted({(e["date"].year, e["date"].month) for e in entries})
    for y, m in months:
        folder = os.path.join(root, f"{y:04d}")
        os.makedirs(folder, exist_ok=True)
        in_month = [e for e in entries if (e["date"].year, e["date"].month) == (y, m)]
        exp = [x for x in expenses if (x["date"].year, x["date"].month) == (y, m)]
        mentor = [e for e in in_month if fmt[e["contract"]] == "csv"]
        other = [e for e in in_month if fmt[e["contract"]] == "toml"]
        if mentor:
            write_csv(os.path.join(folder, f"{m:02d}-mentor.csv"), mentor,
                      ["contract", "date", "hours", "status", "staff", "note"])
        if (y, m) == CSV_MONTH:
            for e in other:
                e["fromto"] = None
            write_csv(os.path.join(folder, f"{m:02d}.csv"), other,
                      ["date", "contract", "staff", "hours", "status", "note"])
            if exp:
                write_toml(os.path.join(folder, f"{m:02d}-udlaeg.toml"), y, m, [], exp)
        else:
            write_toml(os.path.join(folder, f"{m:02d}.toml"), y, m, other, exp)


if __name__ == "__main__":
    main()
