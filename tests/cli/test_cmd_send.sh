#!/usr/bin/env bash
# honorar send (SPEC 10.2) against real servers: an SMTP server (aiosmtpd, tests/cli/smtp_server.py)
# on 127.0.0.1 that this script starts and stops, and a [delivery] command (a shell script) for the
# e-invoices. What arrived is read back: envelope, headers (decoded), the Danish text, the PDF's
# bytes. Failures: a refused recipient (550), a temporary refusal (451), a connection dropped
# before the server's answer, a server that is down, a wrong password, a failing command; each
# rerun sends only what failed; --resend; STARTTLS and TLS with a CA of the test's own.
source "$(dirname "$0")/lib.sh"

# Debian's python3 has aiosmtpd (python3-aiosmtpd), whatever python3 comes first in PATH.
SERVER_PY=/usr/bin/python3
if ! "$SERVER_PY" -c 'import aiosmtpd' 2>/dev/null; then
  echo "python3-aiosmtpd is not installed (tools/install-deps)" >&2
  exit 1
fi

# start_smtp NAME [ARGS...]: an SMTP server writing to $TMP/smtp-NAME; sets SMTP_DIR, SMTP_PORT,
# SMTP_PID. Waits (at most 10 s) until it listens. The server is a job of this script: lib.sh's
# exit trap kills it whatever happens.
start_smtp() {
  SMTP_DIR=$TMP/smtp-$1
  shift
  rm -rf "$SMTP_DIR" && mkdir -p "$SMTP_DIR"
  "$SERVER_PY" "$SOURCE_DIR/tests/cli/smtp_server.py" "$SMTP_DIR" "$@" 2>"$SMTP_DIR/log" &
  SMTP_PID=$!
  local i
  for i in $(seq 100); do
    [ -s "$SMTP_DIR/port" ] && break
    sleep 0.1
  done
  SMTP_PORT=$(cat "$SMTP_DIR/port" 2>/dev/null)
  if [ -z "$SMTP_PORT" ]; then
    echo "the SMTP server did not start:" >&2
    cat "$SMTP_DIR/log" >&2
    exit 1
  fi
}
stop_smtp() {
  kill "$SMTP_PID" 2>/dev/null
  wait "$SMTP_PID" 2>/dev/null
  return 0
}
# mails: the number of mails the current server accepted; connections: of connections made.
mails() { find "$SMTP_DIR" -name '*.eml' | wc -l; }
connections() { cat "$SMTP_DIR/connections" 2>/dev/null || echo 0; }
deliveries() { sqlite3 "$1/honorar.db" "SELECT document || ' ' || channel || ' ' || ok || ' ' || failure FROM deliveries ORDER BY id"; }

# mail_check FILE.eml PYTHON-EXPRESSION: the expression, on the parsed mail `m` (email.message),
# its decoded subject `subject`, its text `text`, its attachment `pdf` (bytes) and `pdf_part`.
mail_check() {
  local result
  if result=$("$SERVER_PY" -c '
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
subject = str(m["Subject"])
text = m.get_body(preferencelist=("plain",)).get_content()
atts = list(m.iter_attachments())
pdf_part = atts[0] if atts else None
pdf = pdf_part.get_content() if pdf_part else None
ok = eval(sys.argv[2])
if not ok:
    print(m.as_string()[:3000]); sys.exit(1)
' "$1" "$2" 2>&1); then pass; else fail "mail check failed: $2" "$2" "$result"; fi
}

# The books: November's three documents. 1001 (Køge Kommune) and 1002 (Roskilde Kommune) are
# e-invoices; 1003 (a family) goes by e-mail with the PDF. Names with æ, ø, å for the headers.
setup_books() {
  local b
  b=$(copy_books november "$1")
  sed -i 's/^name    = "2nd Chance 2020"/name    = "Støttecentret Ærø ApS"/' "$b/honorar.toml"
  sed -i 's/^name    = "Familien Dahl"/name    = "Familien Ørsted-Dahl"/' "$b/contracts/cd.toml"
  "$HONORAR" --books "$b" --today 2025-12-01 -q invoice --month 2025-11 >/dev/null 2>&1 </dev/null || exit 2
  write_file "$b/deliver.sh" <<'SH'
#!/bin/sh
# An access point's upload tool, for the tests: fail-N holds an exit status to fail with.
[ "$1" = --test ] || exit 9 # the arguments of [delivery] command come first ...
xml=$2                      # ... then the XML's path
n=$(basename "$xml" .xml)
if [ -f "fail-$n" ]; then echo "upload of $n refused: the access point says no" >&2; exit "$(cat "fail-$n")"; fi
mkdir -p outbox && cp "$xml" outbox/ && echo "uploaded $n as message 42"
SH
  chmod +x "$b/deliver.sh"
  printf '%s\n' "$b"
}
# mail_settings BOOKS PORT [EXTRA LINES]: [mail] on 127.0.0.1 without TLS, [delivery] deliver.sh.
mail_settings() {
  cat >>"$1/honorar.toml" <<EOF2

[mail]
host     = "127.0.0.1"
port     = $2
security = "none"
from     = "faktura@example.dk"
${3:-}

[delivery]
command = ["./deliver.sh", "--test"]
EOF2
}

T=(--today 2025-12-02)
B=$(setup_books main)
start_smtp main
mail_settings "$B" "$SMTP_PORT"

test_case "send --dry-run: what would go where; nothing sent, nothing recorded"
cp "$B/honorar.db" "$TMP/before-dry-run.db"
run --books "$B" "${T[@]}" send --dry-run
expect_exit 0
expect_stdout "Afsendelse (prøvekørsel, intet er sendt)
    1001  e-faktura  5798000111226                  via ./deliver.sh --test
    1002  e-faktura  5798000000001                  via ./deliver.sh --test
    1003  e-mail     dahl@example.dk                via smtp://127.0.0.1:$SMTP_PORT
"
run --books "$B" "${T[@]}" send --dry-run --format json
expect_exit 0
expect_json_eq '[(d["document"], d["channel"], d["to"], d["status"], d["at"]) for d in j["deliveries"]]' \
  '[("1001", "einvoice", "5798000111226", "planned", None), ("1002", "einvoice", "5798000000001", "planned", None), ("1003", "email", "dahl@example.dk", "planned", None)]'
expect_json_eq 'j["dry_run"]' 'True'
expect_true "no connection to the server" test "$(connections)" = 0
expect_true "nothing recorded" test -z "$(deliveries "$B")"
expect_same_files "$B/honorar.db" "$TMP/before-dry-run.db"
expect_no_file "$B/outbox"

test_case "one send at a time: a second one waits, then exits 75 and sends nothing"
flock "$B" sh -c 'touch "$0"; sleep 2' "$TMP/locked" &
locker=$!
for _ in $(seq 100); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
HONORAR_BUSY_TIMEOUT_MS=200 run --books "$B" "${T[@]}" send
expect_exit 75
expect_stderr $'honorar: another honorar send is running on these books; try again later\n'
expect_true "nothing sent" test "$(connections)" = 0
wait "$locker"

test_case "send: the mail with the PDF, the e-invoices to the command; every attempt recorded"
run --books "$B" "${T[@]}" send
expect_exit 0
expect_stderr $'honorar: 3 documents delivered\n'
expect_stdout_contains "    1001  e-faktura  5798000111226                  sendt: exit 0"
expect_stdout_contains "    1003  e-mail     dahl@example.dk                sendt: 250 2.0.0 Ok: queued as HONORAR1"
expect_true "one mail arrived" test "$(mails)" = 1
expect_json_eq --file "$SMTP_DIR/1.json" 'j' '{"from": "faktura@example.dk", "to": ["dahl@example.dk"], "auth": None}'
E=$SMTP_DIR/1.eml
mail_check "$E" 'subject == "Faktura 1003 fra Støttecentret Ærø ApS"'
mail_check "$E" 'm["From"].addresses[0].display_name == "Støttecentret Ærø ApS" and m["From"].addresses[0].addr_spec == "faktura@example.dk"'
mail_check "$E" 'm["To"].addresses[0].display_name == "Familien Ørsted-Dahl" and m["To"].addresses[0].addr_spec == "dahl@example.dk"'
mail_check "$E" 'm["Date"] is not None and m["Message-ID"] is not None and m["MIME-Version"] == "1.0"'
mail_check "$E" 'm.get_content_type() == "multipart/mixed"'
mail_check "$E" 'text.startswith("Kære Familien Ørsted-Dahl\n\nHermed faktura 1003 af 01.12.2025 på ")'
mail_check "$E" '"Beløbet forfalder til betaling den 31.12.2025." in text and "Med venlig hilsen\nStøttecentret Ærø ApS\n" in text'
mail_check "$E" 'pdf_part.get_content_type() == "application/pdf" and pdf_part.get_filename() == "1003.pdf"'
mail_check "$E" 'pdf_part["Content-Transfer-Encoding"] == "base64" and pdf_part.get_content_disposition() == "attachment"'
mail_check "$E" "pdf == open('$B/invoices/2025/1003.pdf', 'rb').read()"
mail_check "$E" 'all(not line.startswith("Subject:") or line.isascii() for line in open(sys.argv[1], encoding="latin-1"))'
mail_check "$E" 'b"=0A" not in open(sys.argv[1], "rb").read()  # the text keeps its lines (CRLF), no encoded line feeds'
expect_same_files "$B/outbox/1001.xml" "$B/invoices/2025/1001.xml"
expect_same_files "$B/outbox/1002.xml" "$B/invoices/2025/1002.xml"
expect_true "three attempts, all delivered" test "$(deliveries "$B" | tr '\n' ,)" = "1001 einvoice 1 ,1002 einvoice 1 ,1003 email 1 ,"
expect_true "the command's output is the answer" \
  test "$(sqlite3 "$B/honorar.db" "SELECT answer FROM deliveries WHERE document = '1001'")" = $'exit 0\nuploaded 1001 as message 42'

test_case "register list: when and how each document was delivered"
run --books "$B" "${T[@]}" register list --format json
expect_exit 0
expect_json_eq '[(d["number"], d["delivered"]["channel"], d["delivered"]["to"]) for d in j["documents"]]' \
  '[(1001, "einvoice", "5798000111226"), (1002, "einvoice", "5798000000001"), (1003, "email", "dahl@example.dk")]'
expect_json 'all(len(d["delivered"]["at"]) == 20 and d["delivered"]["at"].endswith("Z") for d in j["documents"])'
expect_json 'list(j["documents"][0]["delivered"]) == ["at", "channel", "to"]'
run --books "$B" "${T[@]}" register list
expect_exit 0
expect_stdout_contains "Sendt"
expect_true "each line says when and how" test "$(printf '%s' "$STDOUT" | grep -cE '  [0-9]{2}\.[0-9]{2}\.20[0-9]{2} [0-9]{2}:[0-9]{2} e-(mail|faktura)$')" = 3

test_case "a delivered document is not sent again"
run --books "$B" "${T[@]}" send --format json
expect_exit 0
expect_json_eq 'j["deliveries"]' '[]'
expect_true "still one mail, one connection" test "$(mails) $(connections)" = "1 1"

test_case "--resend N sends that document again, and only it"
run --books "$B" "${T[@]}" send --resend 1003 --format json
expect_exit 0
expect_json_eq '[(d["document"], d["status"]) for d in j["deliveries"]]' '[("1003", "delivered")]'
expect_true "a second mail" test "$(mails)" = 2
run --books "$B" "${T[@]}" send --resend 999
expect_exit 66
expect_stderr $'honorar: no document number 999 in the register\n'
run --books "$B" "${T[@]}" send --resend abc
expect_exit 64

test_case "a reminder goes by e-mail to its payer, with its PDF; once"
printf '\n[reminders]\nreference_rates = { 2026-01-01 = 1.35 }\n' >>"$B/honorar.toml"
run --books "$B" --today 2026-01-15 -q remind --contract 2C-2025-020 --format json
expect_exit 0
expect_json_eq '[(r["number"], r["invoice"]) for r in j["reminders"]]' '[(1, 1003)]'
run --books "$B" --today 2026-01-15 send --dry-run --format json
expect_exit 0
expect_json_eq '[(d["document"], d["channel"], d["to"]) for d in j["deliveries"]]' '[("R1", "email", "dahl@example.dk")]'
run --books "$B" --today 2026-01-15 send
expect_exit 0
expect_true "a third mail" test "$(mails)" = 3
E=$SMTP_DIR/3.eml
mail_check "$E" 'subject == "Rykker R1 for faktura 1003 fra Støttecentret Ærø ApS"'
mail_check "$E" 'text.startswith("Kære Familien Ørsted-Dahl\n\nVi har endnu ikke modtaget fuld betaling af faktura 1003")'
mail_check "$E" '"betalt senest den 25.01.2026" in text'
mail_check "$E" 'pdf_part.get_filename() == "R1.pdf"'
mail_check "$E" "pdf == open('$B/invoices/2026/R1.pdf', 'rb').read()"
expect_true "recorded as R1" test "$(deliveries "$B" | tail -n 1)" = "R1 email 1 "
run --books "$B" --today 2026-01-15 send --format json
expect_exit 0
expect_json_eq 'j["deliveries"]' '[]'

test_case "--resend R<n> sends that reminder again, and only it"
run --books "$B" --today 2026-01-15 send --resend R1 --format json
expect_exit 0
expect_json_eq '[(d["document"], d["status"]) for d in j["deliveries"]]' '[("R1", "delivered")]'
expect_true "a fourth mail" test "$(mails)" = 4
mail_check "$SMTP_DIR/4.eml" 'pdf_part.get_filename() == "R1.pdf"'
run --books "$B" --today 2026-01-15 -q send --resend R9
expect_exit 66
expect_stderr $'honorar: no reminder R9 in the register\n'
run --books "$B" --today 2026-01-15 send --resend Rx
expect_exit 64
expect_stderr_contains '--resend must be a document number or a reminder R<n>, not "Rx"'
expect_true "no other mail" test "$(mails)" = 4
stop_smtp

# Every payer by e-mail: [documents] sends municipalities a PDF (no e-invoice), each has an address.
all_by_mail() {
  local b
  b=$(copy_books november "$1")
  cat >>"$b/honorar.toml" <<'EOF2'

[documents]
municipality = ["pdf"]
EOF2
  sed -i 's/^reference = "1234"/reference = "1234"\nemail     = "roskilde@example.dk"/' "$b/contracts/ab.toml"
  printf '\n' >>"$b/contracts/ef.toml"
  sed -i '/^\[payer\]/a email     = "koege@example.dk"' "$b/contracts/ef.toml"
  "$HONORAR" --books "$b" --today 2025-12-01 -q invoice --month 2025-11 >/dev/null 2>&1 </dev/null || exit 2
  printf '%s\n' "$b"
}

test_case "a refused recipient (550): that document failed, the others are delivered; exit 69"
M=$(all_by_mail refused)
start_smtp refused --refuse roskilde@example.dk
mail_settings "$M" "$SMTP_PORT"
run --books "$M" "${T[@]}" send
expect_exit 69
expect_stdout_contains "    1002  e-mail     roskilde@example.dk            fejlede: "
expect_stdout_contains "550 5.1.1 <roskilde@example.dk>: Recipient address rejected"
expect_stderr_contains "honorar: 2 delivered, 1 not delivered"
expect_true "two mails arrived" test "$(mails)" = 2
expect_true "recorded: 1002 refused" test "$(deliveries "$M" | tr '\n' ,)" = "1001 email 1 ,1002 email 0 refused,1003 email 1 ,"
run --books "$M" "${T[@]}" register list --format json
expect_json_eq '[d["delivered"] is None for d in j["documents"]]' '[False, True, False]'
stop_smtp

test_case "the next run sends only what failed"
start_smtp rerun
sed -i "s/^port     = .*/port     = $SMTP_PORT/" "$M/honorar.toml"
run --books "$M" "${T[@]}" send --format json
expect_exit 0
expect_json_eq '[(d["document"], d["status"]) for d in j["deliveries"]]' '[("1002", "delivered")]'
expect_json_eq --file "$SMTP_DIR/1.json" 'j["to"]' '["roskilde@example.dk"]'
mail_check "$SMTP_DIR/1.eml" 'subject == "Faktura 1002 fra 2nd Chance 2020" and "Kære Roskilde Kommune" in text'
stop_smtp

test_case "a temporary refusal (451): exit 75, the others delivered"
M=$(all_by_mail tempfail)
start_smtp tempfail --tempfail koege@example.dk
mail_settings "$M" "$SMTP_PORT"
run --books "$M" "${T[@]}" send --format json
expect_exit 75
expect_json_eq '[(d["document"], d["status"], d["failure"]) for d in j["deliveries"]]' \
  '[("1001", "failed", "temporary"), ("1002", "delivered", None), ("1003", "delivered", None)]'
expect_json 'j["deliveries"][0]["answer"].endswith("451 4.3.0 <koege@example.dk>: Temporary failure, try again later")'
expect_stderr $'honorar: 2 delivered, 1 not delivered; the next run tries them again\n'
stop_smtp

test_case "a connection dropped before the server answered: temporary (75); the next mail reconnects"
M=$(all_by_mail dropped)
start_smtp dropped --drop roskilde@example.dk
mail_settings "$M" "$SMTP_PORT"
run --books "$M" "${T[@]}" send --format json
expect_exit 75
expect_json_eq '[(d["document"], d["status"], d["failure"]) for d in j["deliveries"]]' \
  '[("1001", "delivered", None), ("1002", "failed", "temporary"), ("1003", "delivered", None)]'
expect_true "two mails kept, over two connections" test "$(mails) $(connections)" = "2 2"
stop_smtp

test_case "a server that is down: exit 69; the e-mails after the first are not tried"
M=$(all_by_mail down)
start_smtp down
mail_settings "$M" "$SMTP_PORT"
stop_smtp # nothing listens on the port now
run --books "$M" "${T[@]}" send --format json
expect_exit 69
expect_json_eq '[(d["document"], d["status"], d["failure"]) for d in j["deliveries"]]' \
  '[("1001", "failed", "unavailable"), ("1002", "skipped", None), ("1003", "skipped", None)]'
expect_json 'j["deliveries"][0]["answer"].startswith("Couldn'"'"'t connect to server")'
expect_json 'j["deliveries"][1]["answer"].startswith("not tried: document 1001 failed: Couldn'"'"'t connect to server")'
expect_true "one attempt recorded" test "$(deliveries "$M" | tr '\n' ,)" = "1001 email 0 unavailable,"

test_case "a wrong password: exit 69; the password is never printed nor recorded"
B=$(setup_books auth)
start_smtp auth --auth honorar:rigtigt-kodeord
mail_settings "$B" "$SMTP_PORT" 'user     = "honorar"'
HONORAR_SMTP_PASSWORD=forkert-kodeord run --books "$B" "${T[@]}" send
expect_exit 69
expect_stdout_contains "    1003  e-mail     dahl@example.dk                fejlede: "
expect_stdout_contains "535 5.7.8 Authentication credentials invalid"
expect_stdout_lacks "forkert-kodeord"
expect_stderr_lacks "forkert-kodeord"
expect_true "not in the register" test "$(grep -c forkert-kodeord "$B/honorar.db")" = 0
HONORAR_SMTP_PASSWORD=forkert-kodeord run --books "$B" "${T[@]}" send --dry-run --format json
expect_stdout_lacks "forkert-kodeord"

test_case "the right password from password_file: delivered, logged in"
printf 'rigtigt-kodeord\n' >"$B/smtp-password"
sed -i 's/^user     = "honorar"/user     = "honorar"\npassword_file = "smtp-password"/' "$B/honorar.toml"
run --books "$B" "${T[@]}" send
expect_exit 0
expect_json_eq --file "$SMTP_DIR/1.json" 'j["auth"]' '"honorar"'
expect_stdout_lacks "rigtigt-kodeord"
stop_smtp

test_case "a password in honorar.toml is an error that says where it goes (65, nothing sent)"
B=$(setup_books pwd)
mail_settings "$B" 1 $'user     = "honorar"\npassword = "hemmeligt"'
run --books "$B" "${T[@]}" send
expect_exit 65
expect_stderr_contains "honorar.toml:21:12: error: [mail] must not hold the SMTP password: set HONORAR_SMTP_PASSWORD, or name a file holding it with 'password_file'"
expect_stderr_lacks "hemmeligt"
expect_true "nothing recorded" test -z "$(deliveries "$B")"

test_case "a login without a password: 65"
B=$(setup_books nopwd)
mail_settings "$B" 1 'user     = "honorar"'
run --books "$B" "${T[@]}" send
expect_exit 65
expect_stderr_contains "[mail] names a 'user' but there is no password"
expect_no_file "$B/outbox"

test_case "e-mails due but no [mail]: 65 before anything is sent"
B=$(setup_books nomail)
printf '\n[delivery]\ncommand = "./deliver.sh"\n' >>"$B/honorar.toml"
run --books "$B" "${T[@]}" send
expect_exit 65
expect_stderr $'honorar: honorar.toml has no [mail]: documents 1003 go by e-mail (their payers have an e-mail address and get no e-invoice)\n'
expect_no_file "$B/outbox"

test_case "a delivery command that fails: its output is the answer; exit 69 (75 for exit 75); a rerun sends only what failed"
B=$(setup_books command)
start_smtp command
mail_settings "$B" "$SMTP_PORT"
echo 1 >"$B/fail-1001"
echo 75 >"$B/fail-1002"
run --books "$B" "${T[@]}" send --format json
expect_exit 69
expect_json_eq '[(d["document"], d["status"], d["failure"], d["answer"]) for d in j["deliveries"]]' \
  '[("1001", "failed", "refused", "exit 1\nupload of 1001 refused: the access point says no"), ("1002", "failed", "temporary", "exit 75\nupload of 1002 refused: the access point says no"), ("1003", "delivered", None, "250 2.0.0 Ok: queued as HONORAR1")]'
rm "$B/fail-1001"
run --books "$B" "${T[@]}" send --format json
expect_exit 75
expect_json_eq '[(d["document"], d["status"]) for d in j["deliveries"]]' '[("1001", "delivered"), ("1002", "failed")]'
rm "$B/fail-1002"
run --books "$B" "${T[@]}" send --format json
expect_exit 0
expect_json_eq '[(d["document"], d["status"]) for d in j["deliveries"]]' '[("1002", "delivered")]'
expect_true "one mail in all" test "$(mails)" = 1
stop_smtp

test_case "a delivery command that does not exist: 69, the other e-invoices not tried"
B=$(setup_books nocommand)
start_smtp nocommand
mail_settings "$B" "$SMTP_PORT"
sed -i 's|^command = .*|command = "./no-such-tool"|' "$B/honorar.toml"
run --books "$B" "${T[@]}" send --format json
expect_exit 69
expect_json_eq '[(d["document"], d["status"], d["failure"]) for d in j["deliveries"]]' \
  '[("1001", "failed", "unavailable"), ("1002", "skipped", None), ("1003", "delivered", None)]'
expect_json 'j["deliveries"][0]["answer"] == "cannot run ./no-such-tool: No such file or directory"'
stop_smtp

# STARTTLS and TLS: a certificate for 127.0.0.1 made here, trusted through [mail] ca_file; the
# peer is verified as always.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$TMP/key.pem" -out "$TMP/cert.pem" >/dev/null 2>&1 || exit 2

test_case "STARTTLS with the server's certificate trusted by ca_file"
B=$(setup_books starttls)
start_smtp starttls --starttls "$TMP/cert.pem" "$TMP/key.pem" --auth honorar:rigtigt-kodeord
cp "$TMP/cert.pem" "$B/ca.pem"
mail_settings "$B" "$SMTP_PORT" $'user     = "honorar"\nca_file  = "ca.pem"'
sed -i 's/^security = "none"/security = "starttls"/' "$B/honorar.toml"
HONORAR_SMTP_PASSWORD=rigtigt-kodeord run --books "$B" "${T[@]}" send --format json
expect_exit 0
expect_json_eq '[(d["document"], d["status"]) for d in j["deliveries"]][2:]' '[("1003", "delivered")]'
expect_json_eq --file "$SMTP_DIR/1.json" 'j["auth"]' '"honorar"'

test_case "STARTTLS with a certificate nobody vouches for: 69, nothing sent"
sed -i '/^ca_file/d' "$B/honorar.toml"
HONORAR_SMTP_PASSWORD=rigtigt-kodeord run --books "$B" "${T[@]}" send --resend 1003 --format json
expect_exit 69
expect_json_eq '[(d["document"], d["failure"]) for d in j["deliveries"]]' '[("1003", "unavailable")]'
expect_true "still one mail" test "$(mails)" = 1
stop_smtp

test_case "implicit TLS (smtps)"
B=$(setup_books tls)
start_smtp tls --tls "$TMP/cert.pem" "$TMP/key.pem"
cp "$TMP/cert.pem" "$B/ca.pem"
mail_settings "$B" "$SMTP_PORT" 'ca_file  = "ca.pem"'
sed -i 's/^security = "none"/security = "tls"/' "$B/honorar.toml"
run --books "$B" "${T[@]}" send
expect_exit 0
expect_stdout_contains "    1003  e-mail     dahl@example.dk                sendt: 250 2.0.0 Ok: queued as HONORAR1"
mail_check "$SMTP_DIR/1.eml" "pdf == open('$B/invoices/2025/1003.pdf', 'rb').read()"
stop_smtp

test_case "no register yet: nothing to send"
B=$(copy_books november empty)
run --books "$B" "${T[@]}" send --format json
expect_exit 0
expect_json_eq 'j["deliveries"]' '[]'
expect_no_file "$B/honorar.db"

finish
