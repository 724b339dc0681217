#!/usr/bin/env python3
"""Writes the golden document inputs of SPEC 8 (issue 16) from the older golden documents:
explained weeks, a period, regulated parts with their days, corrections named, large amounts, a
credit note correcting eight invoices, a 20-line invoice. Run once after changing this script;
the renderings are then checked (and, with HONORAR_UPDATE_GOLDEN=1, written) by the unit tests.
Amounts are computed here the way billing computes them (hours x rate, rounded to øre)."""
import copy, json, pathlib
from decimal import Decimal, ROUND_HALF_UP

d = pathlib.Path(__file__).parent / "ubl"
def load(name): return json.loads((d / f"{name}.json").read_text())
def save(name, doc): (d / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
def money(x): return f"{Decimal(x).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"
def amount(h, r): return money(Decimal(h) * Decimal(r))

def with_period(doc):
    days = []
    for l in doc["lines"]:
        if l["type"] == "expense": days += [l["date"], l["date"]]
        elif "from" in l: days += [l["from"], l["to"]]
    out = {}
    for k, v in doc.items():
        out[k] = v
        if k == "month": out["period"] = {"from": min(days), "to": max(days)}
    return out

def settle(doc):
    net = sum(Decimal(l["amount"]) for l in doc["lines"])
    doc["net"] = money(net); doc["vat"] = "0.00"; doc["total"] = money(net)
    return doc

def week(w, f, t, hours, rate, agreed, delivered="0.00", citizen="0.00", staff="0.00", **extra):
    l = {"type": "week", "week": w, "from": f, "to": t, "hours": hours, "rate": rate,
         "agreed": agreed, "delivered": delivered, "citizen_absent": citizen, "staff_absent": staff}
    l.update(extra)
    l["amount"] = amount(hours, rate)
    return l

# Explained weeks: absence billed, the new time missed, a billed suspension, an unlogged week,
# our own absence (a 0,00 line), over-delivery.
doc = load("exempt-invoice")
doc["number"] = 11
doc["lines"] = [
    week("2025-W44", "2025-10-27", "2025-11-02", "7.50", "500.00", "7.50", "5.00", "2.50"),
    week("2025-W45", "2025-11-03", "2025-11-09", "7.50", "500.00", "7.50", "5.00", "2.50", "2.50"),
    week("2025-W46", "2025-11-10", "2025-11-16", "7.50", "500.00", "7.50", "4.00", billed_suspension="3.21"),
    week("2025-W47", "2025-11-17", "2025-11-23", "7.50", "500.00", "7.50"),
    week("2025-W48", "2025-11-24", "2025-11-30", "0.00", "500.00", "7.50", staff="7.50"),
] + doc["lines"][5:]
doc["corrects"] = []
save("explained-invoice", with_period(settle(doc)))

# A regulation of a part's own days, a credited expense: the invoice names what it corrects.
doc = load("regulation-invoice")
doc["number"] = 12
for l in doc["lines"]:
    if l["type"] == "regulation":
        l2 = {"type": "regulation", "week": l["week"], "from": "2025-11-10", "to": "2025-11-12"}
        l2.update({k: v for k, v in l.items() if k not in ("type", "week")})
        l.clear(); l.update(l2)
doc["corrects"] = [3, 7]
save("corrections-invoice", with_period(doc))

# A credit note correcting eight invoices.
doc = load("credit-note")
doc["number"] = 13
lines = []
for i, w in enumerate(range(40, 48)):
    lines.append({"type": "regulation", "week": f"2025-W{w}", "hours": "-7.50", "rate": "500.00",
                  "billed_hours": "7.50", "now_hours": "0.00", "amount": "-3750.00"})
doc["lines"] = lines
doc["corrects"] = [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008]
doc = settle(doc)
days = {"from": "2025-09-29", "to": "2025-11-23"}
doc = {k: v for k, v in doc.items()}
doc2 = {}
for k, v in doc.items():
    doc2[k] = v
    if k == "month": doc2["period"] = days
save("credit-note-eight", doc2)

# Large amounts: a 9.999.999,99 kr. total.
doc = load("exempt-invoice")
doc["number"] = 14
doc["lines"] = [
    week("2025-W45", "2025-11-03", "2025-11-09", "99.99", "100000.00", "99.99", "99.99"),
    {"type": "expense", "date": "2025-11-05", "text": "Materialer", "amount": "999.99"},
]
doc["corrects"] = []
save("large-amounts", with_period(settle(doc)))

# Twenty lines: a catch-up invoice over five months.
doc = load("exempt-invoice")
doc["number"] = 15
import datetime
monday = datetime.date(2025, 6, 30)
lines = []
for i in range(20):
    m = monday + datetime.timedelta(weeks=i)
    iso = m.isocalendar()
    lines.append(week(f"{iso[0]}-W{iso[1]:02d}", str(m), str(m + datetime.timedelta(days=6)), "7.50", "500.00",
                      "7.50", "7.50"))
doc["lines"] = lines
doc["corrects"] = []
save("twenty-lines", with_period(settle(doc)))
