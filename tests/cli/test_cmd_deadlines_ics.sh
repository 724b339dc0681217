#!/usr/bin/env bash
# honorar deadlines --format ics: iCalendar (RFC 5545), read back by a real parser (Debian
# python3-icalendar), and checked octet by octet: CRLF, 75-octet folding, escaping, stable UIDs,
# reproducible output.
source "$(dirname "$0")/lib.sh"

# The Debian python has python3-icalendar; a version manager's python3 may not.
ICAL_PYTHON=""
for p in /usr/bin/python3 "$PYTHON"; do
  if "$p" -c 'import icalendar' 2>/dev/null; then
    ICAL_PYTHON=$p
    break
  fi
done
if [ -z "$ICAL_PYTHON" ]; then
  echo "FAIL: no python3 with the icalendar module (Debian: python3-icalendar; run tools/install-deps)"
  exit 1
fi

D=$TMP/books
write_settings "$D"
LONG=K-$(printf 'x%.0s' {1..60}) # a 62-character id: its SUMMARY is longer than 75 octets
contract() {
  local id=$1 start=$2
  shift 2
  {
    printf 'id = "%s"\ncitizen = "XY"\nservice = "Mentorstøtte"\nstart = %s\n' "$id" "$start"
    printf 'hours_per_week = 5\nrate = 500.00\n'
    printf '%s\n' "$@"
    # A municipality: only it hands over a handleplan (SPEC 1.2), whose deadline is tested here.
    printf '\n[payer]\nkind = "municipality"\nname = "Æbelø Kommune"\naddress = ["Skolevej 3", "4000 Roskilde"]\n'
    printf 'ean = "5798000041738"\nreference = "1234"\n'
  } | write_file "$D/contracts/$id.toml"
}
contract K-B 2025-03-03 "handleplan = 2025-02-20" "status_reports = [2025-06-02]" # report 2: 02.12.
contract K-C 2025-11-05                                                            # handleplan overdue
contract K-I 2025-12-10 "end = 2025-12-10"                                         # handleplan + end
contract "$LONG" 2025-09-15 "handleplan = 2025-09-01"                              # report 1: 15.12.
T=(--today 2025-12-01)

test_case "ics: exit 0, only the calendar on stdout"
run --books "$D" "${T[@]}" -q deadlines --format ics
expect_exit 0
expect_stderr_empty
cp "$OUT_FILE" "$TMP/a.ics"

test_case "ics: the same books and day give the same bytes"
run --books "$D" "${T[@]}" -q frister --format ics
expect_stdout_file "$TMP/a.ics"

test_case "ics: a real parser reads it, and every event is as the JSON says"
run --books "$D" "${T[@]}" -q deadlines --format json
cp "$OUT_FILE" "$TMP/a.json"
CHECK=$(
  "$ICAL_PYTHON" - "$TMP/a.ics" "$TMP/a.json" "$LONG" <<'PY' 2>&1
import datetime, json, sys
import icalendar
raw = open(sys.argv[1], "rb").read()
want = json.load(open(sys.argv[2], encoding="utf-8"))
long_id = sys.argv[3]
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)
# Octets: CRLF only, at most 75 octets a line, continuation lines start with a space.
need(raw.endswith(b"\r\n"), "does not end in CRLF")
lines = raw.split(b"\r\n")[:-1]
need(all(b"\n" not in l and b"\r" not in l for l in lines), "a bare LF or CR")
need(all(len(l) <= 75 for l in lines), "a line longer than 75 octets")
need(any(l.startswith(b" ") for l in lines), "no folded line (the long id should fold)")
for l in lines:
    try:
        l.decode("utf-8")
    except UnicodeDecodeError:
        problems.append("a fold splits a UTF-8 character: %r" % l)
cal = icalendar.Calendar.from_ical(raw)
need(cal.name == "VCALENDAR", "not a VCALENDAR")
need(str(cal.get("VERSION")) == "2.0", "VERSION is not 2.0")
need(str(cal.get("PRODID", "")).startswith("-//honorar//"), "PRODID")
events = [c for c in cal.walk() if c.name == "VEVENT"]
items = want["deadlines"]
need(len(events) == len(items), "%d events for %d deadlines" % (len(events), len(items)))
uids = [str(e["UID"]) for e in events]
need(len(set(uids)) == len(uids), "UIDs are not unique")
summaries = {"handleplan": "Handleplan mangler: {c}", "status-report": "Statusrapport {n}: {c}",
             "end": "Forløbet slutter: {c}"}
for e, d in zip(events, items):
    due = datetime.date.fromisoformat(d["due"])
    start = e.decoded("DTSTART")
    need(start == due and not isinstance(start, datetime.datetime), "DTSTART %r, want the date %s" % (start, due))
    need(e.decoded("DTEND") == due + datetime.timedelta(days=1), "DTEND is not the next day")
    need(e.decoded("DTSTAMP") == datetime.datetime(2025, 12, 1, tzinfo=datetime.timezone.utc), "DTSTAMP is not as_of")
    uid = "%s-%s%s-%s@honorar" % (d["contract"], d["kind"], "-%d" % d["number"] if "number" in d else "",
                                   d["due"].replace("-", ""))
    need(str(e["UID"]) == uid, "UID %s, want %s" % (e["UID"], uid))
    summary = summaries[d["kind"]].format(c=d["contract"], n=d.get("number"))
    need(str(e["SUMMARY"]) == summary, "SUMMARY %r, want %r" % (str(e["SUMMARY"]), summary))
need(any(long_id in str(e["SUMMARY"]) for e in events), "the long id's event is missing or cut")
print("\n".join(problems) if problems else "ok")
PY
)
if [ "$CHECK" = ok ]; then pass; else fail "the calendar does not read back" "ok" "$CHECK"; fi

test_case "ics: escaping of TEXT values"
# The handleplan's description has a semicolon: \; in the file (the parser read it back above).
expect_true "DESCRIPTION escapes its semicolon" grep -q 'DESCRIPTION:Betalers handleplan for forløb K-C mangler\\;' "$TMP/a.ics"

test_case "ics: no deadlines is an empty calendar"
E=$TMP/ended
write_settings "$E"
D=$E contract K-D 2025-01-06 "handleplan = 2025-01-02" "end = 2025-11-30" # ended before today
run --books "$E" "${T[@]}" -q deadlines --format ics
expect_exit 0
expect_stdout $'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//honorar//honorar '"$("$HONORAR" --version | cut -d' ' -f2)"$'//DA\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Frister (honorar)\r\nEND:VCALENDAR\r\n'

test_case "ics is for deadlines only"
run --books "$D" "${T[@]}" -q check --format ics
expect_exit 64

finish
