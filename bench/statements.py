#!/usr/bin/env python3
"""bench/statements.py LIST_JSON OUT_DIR [--keep N]: bank statements paying every invoice.

From `honorar register list --format json`: every invoice paid 20 days after it was issued, in
the order issued, one in ten in two parts, as a Danish bank exports it (Dato;Tekst;Beløb,
DD-MM-YYYY, decimal comma), 5,000 lines a file: OUT_DIR/statement-NN.csv. With --keep N the
last N lines (at most half) go to OUT_DIR/timed.csv instead, for a timed import. Used by
bench/receivables.sh and bench/export.sh.
"""
import argparse
import datetime as dt
import json
import os

HEADER = "Dato;Tekst;Beløb\n"


def payment_lines(documents):
    lines = []
    invoices = [d for d in documents if d["kind"] == "invoice"]
    for i, d in enumerate(invoices):
        total = round(float(d["total"]) * 100)
        day = dt.date.fromisoformat(d["issue_date"]) + dt.timedelta(days=20)
        parts = [total // 2, total - total // 2] if i % 10 == 0 and total > 1 else [total]
        for p in parts:
            lines.append(f"{day:%d-%m-%Y};Betaling faktura {d['number']};{p // 100},{p % 100:02d}\n")
    return invoices, lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("list_json")
    parser.add_argument("out_dir")
    parser.add_argument("--keep", type=int, default=0)
    args = parser.parse_args()
    invoices, lines = payment_lines(json.load(open(args.list_json))["documents"])
    keep = min(args.keep, len(lines) // 2)
    before, timed = (lines[:-keep], lines[-keep:]) if keep else (lines, [])
    n = 0
    for k in range(0, len(before), 5000):
        with open(os.path.join(args.out_dir, f"statement-{n:02d}.csv"), "w", encoding="utf-8") as f:
            f.write(HEADER + "".join(before[k:k + 5000]))
        n += 1
    if keep:
        with open(os.path.join(args.out_dir, "timed.csv"), "w", encoding="utf-8") as f:
            f.write(HEADER + "".join(timed))
    print(f"{len(invoices)} invoices; {len(before)} payments in {n} statements, {keep} lines timed")


if __name__ == "__main__":
    main()
