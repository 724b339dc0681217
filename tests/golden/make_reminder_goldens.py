#!/usr/bin/env python3
"""Writes the canonical JSON of the golden reminders (tests/golden/reminder/*.json).

The figures are computed here independently of the C++ code, with exact fractions, by SPEC 9.4:
interest of a day = own amount open at the end of the day x (reference rate + 8) / 100 / 365,
summed exactly and rounded once to øre, half away from zero. The text and PDF renderings of these
documents are the goldens that test_render_reminder.cpp compares (HONORAR_UPDATE_GOLDEN=1).
"""
import datetime as dt
import json
import pathlib
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

OUT = pathlib.Path(__file__).parent / "reminder"


def day(text):
    return dt.date.fromisoformat(text)


def money(x):
    return Decimal(x.numerator) / Decimal(x.denominator)


def rounded(x):  # half away from zero
    return Decimal(money(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if x >= 0 else -rounded(-x)


def fmt(d):
    return f"{Decimal(d):.2f}"


def luhn_fik(number):
    digits = f"{number:014d}"
    total = 0
    for i, c in enumerate(reversed(digits)):
        p = int(c) * (2 if i % 2 == 0 else 1)
        total += p - 9 if p > 9 else p
    return digits + str((10 - total % 10) % 10)


def half_year(d):
    return dt.date(d.year, 1 if d.month <= 6 else 7, 1)


def interest(steps, first, last, rates):
    """steps: [(date, Fraction kroner)], ascending. Returns (lines, total Fraction)."""
    def open_on(d):
        amount = Fraction(0)
        for when, a in steps:
            if when <= d:
                amount = a
        return max(amount, Fraction(0))

    lines, total = [], Fraction(0)
    d = first
    while d <= last:
        start = half_year(d)
        end = min(last, (dt.date(start.year, 7, 1) if start.month == 1 else dt.date(start.year + 1, 1, 1)) - dt.timedelta(days=1))
        ref = rates[start]
        rate = ref + 8
        exact = Fraction(0)
        x = d
        while x <= end:
            exact += open_on(x) * Fraction(rate) / 100 / 365
            x += dt.timedelta(days=1)
        lines.append({"from": d.isoformat(), "to": end.isoformat(), "days": (end - d).days + 1,
                      "reference_rate": fmt(ref), "rate": fmt(rate), "interest": fmt(rounded(exact))})
        total += exact
        d = end + dt.timedelta(days=1)
    return lines, rounded(total)


SELLER_FIK = {"name": "Test Støtte ApS", "cvr": "12345674", "address": ["Vej 1", "8000 Aarhus C"], "email": None,
              "bank": {"reg": "1234", "account": "1234567890"}, "fik_creditor": "85404316"}
SELLER_IBAN = {"name": "Test Støtte ApS", "cvr": "12345674", "address": ["Vej 1", "8000 Aarhus C"],
               "email": "faktura@example.dk", "bank": {"iban": "DK5000400440116243", "bic": "NDEADKKK"}}
MUNICIPALITY = {"kind": "municipality", "name": "Køge Kommune", "address": ["Torvet 1", "4600 Køge"],
                "ean": "5798000222335", "reference": "sagsbeh-42", "order": None, "accounting_cost": None, "email": None}
FAMILY = {"kind": "private", "name": "Familien Jensen", "address": ["Skovvej 3", "4000 Roskilde"], "ean": None,
          "reference": None, "order": None, "accounting_cost": None, "email": "jensen@example.dk"}
COURSE = {"service": "Kontaktperson", "citizen": "AB", "case_ref": "27.24.12-G01-1234-25", "legal_basis": None}


def reminder(name, *, number, sequence, invoice, contract, seller, buyer, issue, due, total, paid, charged_before,
             date, steps, interest_from, rates, fee, compensation):
    total, paid, charged_before = Decimal(total), Decimal(paid), Decimal(charged_before)
    date = day(date)
    lines, interest_total = interest(steps, day(interest_from), date, rates)
    open_before = total + charged_before - paid
    doc = {
        "kind": "reminder", "number": number, "reminder": sequence, "invoice": invoice, "contract": contract,
        "payer": buyer["name"], "date": date.isoformat(), "pay_by": (date + dt.timedelta(days=10)).isoformat(),
        "invoice_issue_date": issue, "invoice_due_date": due, "invoice_total": fmt(total), "paid": fmt(paid),
        "charged_before": fmt(charged_before), "open_before": fmt(open_before), "fee": fee,
        "interest_from": interest_from, "interest_to": date.isoformat(), "interest_lines": lines,
        "interest": fmt(interest_total), "compensation": compensation,
        "open": fmt(open_before + Decimal(fee) + interest_total + Decimal(compensation)),
        "collection_warning": sequence == 3, "currency": "DKK",
    }
    if "fik_creditor" in seller:
        doc["payment_id"] = luhn_fik(invoice)
    doc.update({"seller": seller, "buyer": buyer, "course": COURSE})
    (OUT / f"{name}.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return doc


def main():
    rates = {day("2025-07-01"): Decimal("1.60"), day("2026-01-01"): Decimal("1.35"), day("2026-07-01"): Decimal("1.60")}
    # 1: the SPEC 7 example, with a compensation (a municipality, first reminder).
    reminder("reminder-1", number=1, sequence=1, invoice=1001, contract="2C-2025-007", seller=SELLER_FIK,
             buyer=MUNICIPALITY, issue="2025-12-01", due="2025-12-31", total="22770.00", paid="0.00",
             charged_before="0.00", date="2026-01-15", steps=[(day("2025-12-01"), Fraction(2277000, 100))],
             interest_from="2026-01-01", rates=rates, fee="100.00", compensation="310.00")
    # 2 and 3: a family; reminder 1 on 2026-02-05 charged 100.00 and 15.03 (11737.50 for 5 days);
    # 5000.00 paid on 2026-02-10 settles those first, then 4884.97 of the own amount.
    own_after = Fraction(1173750 - 488497, 100)
    family_steps = [(day("2026-01-01"), Fraction(1173750, 100)), (day("2026-02-10"), own_after)]
    r1_lines, r1_interest = interest(family_steps, day("2026-02-01"), day("2026-02-05"), rates)
    assert fmt(r1_interest) == "15.03", r1_interest
    reminder("reminder-2", number=2, sequence=2, invoice=1004, contract="2C-2025-014", seller=SELLER_FIK,
             buyer=FAMILY, issue="2026-01-01", due="2026-01-31", total="11737.50", paid="5000.00",
             charged_before="115.03", date="2026-02-20", steps=family_steps, interest_from="2026-02-06", rates=rates,
             fee="100.00", compensation="0.00")
    r2 = json.loads((OUT / "reminder-2.json").read_text(encoding="utf-8"))
    reminder("reminder-3", number=3, sequence=3, invoice=1004, contract="2C-2025-014", seller=SELLER_FIK,
             buyer=FAMILY, issue="2026-01-01", due="2026-01-31", total="11737.50", paid="5000.00",
             charged_before=fmt(Decimal("115.03") + Decimal(r2["fee"]) + Decimal(r2["interest"])), date="2026-03-05",
             steps=family_steps, interest_from="2026-02-21", rates=rates, fee="100.00", compensation="0.00")
    # Across 1 July: 15 days at 1.35 + 8, 10 days at 1.60 + 8; an IBAN seller without FIK.
    reminder("reminder-rate-change", number=4, sequence=1, invoice=1010, contract="2C-2026-003", seller=SELLER_IBAN,
             buyer=MUNICIPALITY, issue="2026-05-16", due="2026-06-15", total="8400.00", paid="0.00",
             charged_before="0.00", date="2026-07-10", steps=[(day("2026-05-16"), Fraction(840000, 100))],
             interest_from="2026-06-16", rates=rates, fee="65.00", compensation="0.00")


if __name__ == "__main__":
    main()
