#!/usr/bin/env python3
"""Generate benchmark books for honorar (bench/README.md).

Usage:  python3 bench/generate.py SIZE OUT_DIR        SIZE: small | medium | large | history5 | history10

Deterministic (one random.Random seeded from the size name; no hash(), no clock): the same
SIZE always gives byte-identical files. Standard library only.

    small   50 contracts x 1 year   (2025)            ~13k entries
    medium  500 contracts x 5 years (2021-2025)       ~640k entries
    large   800 contracts x 5 years (2021-2025)       ~1M entries
    history5   the medium books (same contracts and hours), invoiced from their first month
    history10  500 contracts x 10 years (2016-2025), invoiced from their first month  ~1.3M entries

OUT_DIR/ receives, for the same contracts, entries and expenses:

    toml-monthly/   honorar.toml, contracts/*.toml, timelog/YYYY/MM.toml   (the recommended layout)
    toml-onefile/   ... timelog/all.toml                                   (one big file)
    csv-monthly/    ... timelog/YYYY/MM.csv + timelog/YYYY/MM-expenses.toml (CSV holds entries only)
    csv-onefile/    ... timelog/all.csv + timelog/expenses.toml
    timeclock.timeclock   the same hours as ledger/hledger timeclock sessions, one i/o pair per
                          entry, account CONTRACT:STATUS
    meta.env              facts for bench/run: ENTRIES, EXPENSES, CONTRACTS, LAST_MONTH, TODAY ...

The books are valid (`honorar check`: 0 errors, and no warnings about the generated entries):
every contract-week is logged, never over-delivered, with no entries on inactive days.
[invoicing] from is the last month of the data, so that an invoice run bills one month and
the rest of the history counts as invoiced before honorar (it is still read and checked).

The history sizes (issue 19) are a provider who has used honorar for years: [invoicing] from is
the first month of the data and [documents] lists no extra format (json and text only), so that
bench/run can build the register of every month but the last with one real catch-up run, fast.
They are written in the recommended layout only (toml-monthly/) and as the timeclock file.
"""

import datetime as dt
import os
import random
import sys

SIZES = {
    "small": dict(contracts=50, first_year=2025, years=1),
    "medium": dict(contracts=500, first_year=2021, years=5),
    "large": dict(contracts=800, first_year=2021, years=5),
    # Issue 19: years of history in the register (seed: the medium books' hours exactly).
    "history5": dict(contracts=500, first_year=2021, years=5, seed="medium", history=True),
    "history10": dict(contracts=500, first_year=2016, years=10, history=True),
}

STAFF = ["KB", "SH", "JT", "LM", "AN", "PO", "MH", "CR", "TL", "IV"]
NOTES = [
    "tur i byen", "samtale om skole", "træning af busrute", "møde med sagsbehandler",
    "statusskrivning", "jobsøgning", "praktikbesøg", 'sagde "nej tak" til cafe', "gåtur\tved søen",
    "koordinering med skolen", "fællesspisning", "lektiehjælp",
]
EXPENSE_TEXTS = ["Biograf (entré)", "Café", "Busbillet", "Materialer", "Svømmehal", "Bowling"]
MUNICIPALITIES = [
    ("Roskilde Kommune", "Køgevej 80", "4000 Roskilde"),
    ("Køge Kommune", "Torvet 1", "4600 Køge"),
    ("Lejre Kommune", "Møllebjergvej 4", "4330 Hvalsø"),
    ("Greve Kommune", "Rådhusholmen 10", "2670 Greve"),
    ("Holbæk Kommune", "Kanalstræde 2", "4300 Holbæk"),
]
HOURS_PER_WEEK = [500, 600, 750, 800, 1000]  # hundredths
RATES = [49500, 52500, 54000, 56500]          # øre


def gln(body12):
    """A 13-digit GLN with its GS1 check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def fixed2(hundredths):
    """Hundredths as TOML/CSV decimal text: 150 -> 1.5, 100 -> 1, 125 -> 1.25."""
    whole, frac = divmod(hundredths, 100)
    if frac == 0:
        return str(whole)
    if frac % 10 == 0:
        return f"{whole}.{frac // 10}"
    return f"{whole}.{frac:02d}"


def money(ore):
    return f"{ore // 100}.{ore % 100:02d}"


def toml_string(s):
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def csv_field(s):
    if any(c in s for c in ',"\n\r') or s != s.strip():
        return '"' + s.replace('"', '""') + '"'
    return s


class Contract:
    def __init__(self, i, rnd, first_day, last_data_day):
        self.i = i
        start = first_day + dt.timedelta(days=i % 45)
        self.id = f"2C-{start.year}-{i + 1:04d}"
        self.start = start
        self.hpw = rnd.choice(HOURS_PER_WEEK)
        self.rate = rnd.choice(RATES)
        self.citizen = "".join(rnd.choice("ABCDEFGHIJKLMNOPRSTUV") for _ in range(2))
        self.staff = STAFF[i % len(STAFF)]
        self.sub = STAFF[(i + 3) % len(STAFF)]
        self.private = i % 5 == 4
        self.absence_billed = i % 7 != 3
        self.expenses = i % 3 == 0
        # A rate rise on 1 January of a later year (a Wednesday-ish day: weeks with two rates).
        self.rate_change = None
        years = range(start.year + 1, last_data_day.year + 1)
        if i % 4 == 1 and len(years) > 0:
            self.rate_change = (dt.date(rnd.choice(list(years)), 1, 1), self.rate + 1500)
        # A summer break without billing (three weeks from a Monday in July).
        self.suspension = None
        if i % 10 == 2:
            year = rnd.randrange(start.year, last_data_day.year + 1)
            monday = dt.date(year, 7, 1)
            monday += dt.timedelta(days=(7 - monday.weekday()) % 7)
            if monday > start:
                self.suspension = (monday, monday + dt.timedelta(days=20))

    def active(self, d):
        if d < self.start:
            return False
        if self.suspension and self.suspension[0] <= d <= self.suspension[1]:
            return False
        return True

    def toml(self, last_data_day):
        reports = []
        d = add_months(self.start, 3)
        while d <= last_data_day:
            reports.append(d.isoformat())
            d = add_months(d, 6)
        lines = [
            f"# Benchmark contract {self.i + 1} (bench/generate.py).",
            f'id             = "{self.id}"',
            f'citizen        = "{self.citizen}"',
            f'service        = "{"Mentorforløb" if self.i % 6 == 5 else "Støtte- og kontaktpersonsforløb"}"',
            f'legal_basis    = "{"LAB-loven § 31 b" if self.i % 6 == 5 else "Barnets Lov § 32"}"',
            f'case_ref       = "27.24.12-G01-{1000 + self.i}-{self.start.year % 100:02d}"',
            f"start          = {self.start.isoformat()}",
            f"hours_per_week = {fixed2(self.hpw)}",
            f"rate           = {money(self.rate)}",
            f"absence_billed = {'true' if self.absence_billed else 'false'}",
            f"handleplan     = {(self.start - dt.timedelta(days=12)).isoformat()}",
            f"status_reports = [{', '.join(reports)}]",
        ]
        if self.private:
            lines.append('vat            = 25')
        lines.append("")
        lines.append("[payer]")
        if self.private:
            lines += [
                'kind      = "private"',
                f'name      = "Familien {self.citizen}"',
                f'address   = ["Vestergade {self.i % 90 + 1}", "4000 Roskilde"]',
            ]
        else:
            name, street, town = MUNICIPALITIES[self.i % len(MUNICIPALITIES)]
            lines += [
                'kind      = "municipality"',
                f'name      = "{name}"',
                f'address   = ["{street}", "{town}"]',
                f'ean       = "{gln(f"579800{self.i % 1000000:06d}")}"',
                f'reference = "SB{self.i % 97:02d}"',
            ]
        if self.rate_change:
            lines += ["", "[[terms]]", f"from = {self.rate_change[0].isoformat()}", f"rate = {money(self.rate_change[1])}"]
        if self.suspension:
            lines += ["", "[[suspension]]", f"from   = {self.suspension[0].isoformat()}",
                      f"to     = {self.suspension[1].isoformat()}", "billed = false"]
        if self.expenses:
            lines += ["", "[expenses]", "agreed = true"]
        return "\n".join(lines) + "\n"


def add_months(d, n):
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    raise AssertionError


def generate(size, out):
    cfg = SIZES[size]
    rnd = random.Random("honorar-bench-" + cfg.get("seed", size))
    history = cfg.get("history", False)
    first_day = dt.date(cfg["first_year"], 1, 1)
    last_day = dt.date(cfg["first_year"] + cfg["years"] - 1, 12, 31)
    contracts = [Contract(i, rnd, first_day, last_day) for i in range(cfg["contracts"])]

    # Entries: (date, contract index, hundredths, status, staff, note, from_minute or None) in log order.
    by_month = {}
    expenses_by_month = {}
    monday = first_day - dt.timedelta(days=first_day.weekday())
    while monday <= last_day:
        days = [monday + dt.timedelta(days=k) for k in range(7)]
        for c in contracts:
            active = [d for d in days[:5] if c.active(d) and first_day <= d <= last_day]
            if not active:
                continue
            # The week's agreed hours on its active days, rounded down to a quarter hour, over the
            # active weekdays; every entry at least 0.25.
            agreed = c.hpw * sum(1 for d in days if c.active(d)) // 7
            budget = agreed // 25 * 25
            n = len(active)
            share = max(25, budget // n // 5 * 5)
            sessions = []
            left = budget
            for k, d in enumerate(active):
                h = share if k < n - 1 else max(25, left)
                h = min(h, left)
                if h <= 0:
                    break
                left -= h
                sessions.append([d, h])
            made_up = None
            for s in sessions:
                r = rnd.random()
                status = "delivered"
                if r < 0.07:
                    status = "citizen-absent"
                elif r < 0.10:
                    status = "staff-absent"
                    # Made up on the Saturday of the same week, about half the time.
                    if made_up is None and rnd.random() < 0.5 and c.active(days[5]) and days[5] <= last_day:
                        made_up = (days[5], s[1])
                s.append(status)
            if made_up:
                sessions.append([made_up[0], made_up[1], "delivered"])
            for d, h, status in sessions:
                staff = c.staff if rnd.random() < 0.9 else c.sub
                staff = staff if rnd.random() < 0.8 else ""
                note = rnd.choice(NOTES) if rnd.random() < 0.05 else ""
                from_minute = None
                if h % 5 == 0 and rnd.random() < 0.1:
                    from_minute = 9 * 60 + rnd.randrange(0, 8) * 30
                by_month.setdefault((d.year, d.month), []).append((d, c.i, h, status, staff, note, from_minute))
        monday += dt.timedelta(days=7)
    for c in contracts:
        if not c.expenses:
            continue
        d = dt.date(c.start.year, c.start.month, 10)
        while d <= last_day:
            if c.active(d) and d >= c.start:
                amount = rnd.choice([4500, 8500, 12000, 3950, 24000])
                text = rnd.choice(EXPENSE_TEXTS)
                expenses_by_month.setdefault((d.year, d.month), []).append((d, c.i, amount, text))
            d = add_months(d, 1)
    for k in by_month:
        by_month[k].sort(key=lambda e: (e[0], e[1]))

    months = sorted(by_month)
    last_month = months[-1]
    today = add_months(dt.date(last_month[0], last_month[1], 1), 1) + dt.timedelta(days=1)

    def entry_toml(e):
        d, ci, h, status, staff, note, from_minute = e
        lines = ["[[entry]]", f'contract = "{contracts[ci].id}"', f"date     = {d.isoformat()}"]
        if from_minute is None:
            lines.append(f"hours    = {fixed2(h)}")
        else:
            to_minute = from_minute + h * 60 // 100
            lines.append(f"from     = {from_minute // 60:02d}:{from_minute % 60:02d}:00")
            lines.append(f"to       = {to_minute // 60:02d}:{to_minute % 60:02d}:00")
        if status != "delivered":
            lines.append(f'status   = "{status}"')
        if staff:
            lines.append(f'staff    = "{staff}"')
        if note:
            lines.append(f"note     = {toml_string(note)}")
        return "\n".join(lines) + "\n\n"

    def expense_toml(x):
        d, ci, amount, text = x
        return (f'[[expense]]\ncontract = "{contracts[ci].id}"\ndate     = {d.isoformat()}\n'
                f"amount   = {money(amount)}\ntext     = {toml_string(text)}\n\n")

    def entry_csv(e):
        d, ci, h, status, staff, note, _ = e
        return ",".join([contracts[ci].id, d.isoformat(), fixed2(h), "" if status == "delivered" else status,
                         csv_field(staff), csv_field(note)]) + "\n"

    first_month = months[0]
    invoicing_from = first_month if history else last_month
    documents = ('municipality = []\nprivate      = []\n' if history else
                 'municipality = ["xml", "pdf"]\nprivate      = ["pdf"]\n')
    settings = f"""# Benchmark books (bench/generate.py, size {size}).
[provider]
name    = "2nd Chance 2020"
cvr     = "38291742"
address = ["Ringstedvej 12, 1. sal", "4000 Roskilde"]
email   = "faktura@2ndchance.example.dk"
bank    = {{ reg = "5301", account = "4382917" }}

[invoicing]
from          = "{invoicing_from[0]}-{invoicing_from[1]:02d}"
first_number  = 1001
payment_terms = "30 dage"
vat           = "exempt"
vat_exemption_note = "Momsfritaget jf. momslovens § 13, stk. 1, nr. 2"

[documents]
{documents}"""
    contract_texts = {f"contracts/{c.id.lower()}.toml": c.toml(last_day) for c in contracts}

    def write(path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)

    def books(layout):
        root = os.path.join(out, layout)
        write(os.path.join(root, "honorar.toml"), settings)
        for rel, text in contract_texts.items():
            write(os.path.join(root, rel), text)
        return root

    header_toml = "# Tidsregistrering {} (bench/generate.py).\n\n"
    header_csv = "contract,date,hours,status,staff,note\n"

    root = books("toml-monthly")
    for (y, m) in months:
        parts = [header_toml.format(f"{y}-{m:02d}")]
        parts += [entry_toml(e) for e in by_month[(y, m)]]
        parts += [expense_toml(x) for x in expenses_by_month.get((y, m), [])]
        write(os.path.join(root, "timelog", str(y), f"{m:02d}.toml"), "".join(parts))

    # The other layouts (the history sizes are read in the recommended one only).
    if not history:
        root = books("toml-onefile")
        os.makedirs(os.path.join(root, "timelog"), exist_ok=True)
        with open(os.path.join(root, "timelog", "all.toml"), "w", encoding="utf-8", newline="") as f:
            f.write(header_toml.format("alle måneder"))
            for k in months:
                f.write("".join(entry_toml(e) for e in by_month[k]))
            for k in sorted(expenses_by_month):
                f.write("".join(expense_toml(x) for x in expenses_by_month[k]))

        root = books("csv-monthly")
        for (y, m) in months:
            write(os.path.join(root, "timelog", str(y), f"{m:02d}.csv"),
                  header_csv + "".join(entry_csv(e) for e in by_month[(y, m)]))
            if (y, m) in expenses_by_month:
                write(os.path.join(root, "timelog", str(y), f"{m:02d}-expenses.toml"),
                      header_toml.format(f"{y}-{m:02d}") + "".join(expense_toml(x) for x in expenses_by_month[(y, m)]))

        root = books("csv-onefile")
        os.makedirs(os.path.join(root, "timelog"), exist_ok=True)
        with open(os.path.join(root, "timelog", "all.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(header_csv)
            for k in months:
                f.write("".join(entry_csv(e) for e in by_month[k]))
        write(os.path.join(root, "timelog", "expenses.toml"),
              header_toml.format("udlæg") + "".join(expense_toml(x) for k in sorted(expenses_by_month) for x in expenses_by_month[k]))

    # ledger / hledger: one clock-in/clock-out pair per entry (the two tools sum hours per account).
    with open(os.path.join(out, "timeclock.timeclock"), "w", encoding="utf-8", newline="") as f:
        for k in months:
            chunk = []
            for d, ci, h, status, _staff, _note, from_minute in by_month[k]:
                start = (9 * 60 if from_minute is None else from_minute) * 60
                end = start + h * 36
                day = d.strftime("%Y/%m/%d")
                chunk.append(f"i {day} {start // 3600:02d}:{start // 60 % 60:02d}:{start % 60:02d} "
                             f"{contracts[ci].id}:{status}\n"
                             f"o {day} {end // 3600:02d}:{end // 60 % 60:02d}:{end % 60:02d}\n")
            f.write("".join(chunk))

    catchup = months[-2] if len(months) > 1 else months[-1]
    n_entries = sum(len(v) for v in by_month.values())
    n_expenses = sum(len(v) for v in expenses_by_month.values())
    write(os.path.join(out, "meta.env"),
          f"SIZE={size}\nCONTRACTS={len(contracts)}\nENTRIES={n_entries}\nEXPENSES={n_expenses}\n"
          f"FIRST_YEAR={first_day.year}\nLAST_YEAR={last_day.year}\n"
          f"LAST_MONTH={last_month[0]}-{last_month[1]:02d}\nTODAY={today.isoformat()}\n"
          f"MONTH_FILES={len(months)}\nFIRST_MONTH={first_month[0]}-{first_month[1]:02d}\n"
          f"INVOICING_FROM={invoicing_from[0]}-{invoicing_from[1]:02d}\nHISTORY={1 if history else 0}\n"
          # The catch-up run of the history sizes: every month but the last, run on its 1st.
          f"CATCHUP_MONTH={catchup[0]}-{catchup[1]:02d}\n"
          f"CATCHUP_TODAY={last_month[0]}-{last_month[1]:02d}-01\n")
    return n_entries, n_expenses


def main(argv):
    if len(argv) != 3 or argv[1] not in SIZES:
        sys.stderr.write(__doc__)
        return 64
    n, x = generate(argv[1], argv[2])
    print(f"generate.py: {argv[1]}: {n} entries, {x} expenses -> {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
