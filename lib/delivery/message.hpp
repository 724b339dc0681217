#pragma once
// The e-mail a document is sent with (SPEC 10.2): Danish subject and text, the PDF attached, and
// the header encoding SMTP needs. Pure functions: smtp.cpp hands the result to libcurl, which
// passes header lines through as they are (it encodes no header), so they are encoded here.

#include "render/document.hpp"
#include "render/reminder.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace delivery {

struct Mail {
  std::string from_address; // the envelope sender (MAIL FROM)
  std::string to_address;   // the envelope recipient (RCPT TO)
  std::string from;         // the From: header's value, encoded
  std::string to;           // the To: header's value, encoded
  std::string subject;      // the Subject: header's value, encoded
  std::string text;         // the body, UTF-8 (sent quoted-printable)
  std::string attachment_name; // "1004.pdf"
  std::string attachment;      // the PDF's bytes (sent base64, application/pdf)
};

// `text` as a header value: itself when it is printable ASCII that cannot be read as an encoded
// word, else RFC 2047 encoded words (=?UTF-8?B?...?=), each at most 75 characters and never
// splitting a UTF-8 character, separated by a space (which a reader drops between encoded words).
std::string encode_header_text(std::string_view text);
// A mailbox for From:/To: (RFC 5322): `Name <address>`, the name quoted when it holds specials and
// encoded (RFC 2047) when it is not ASCII; just `<address>` without a name.
std::string encode_mailbox(std::string_view name, std::string_view address);
// "Sun, 06 Dec 2026 15:56:37 +0000" (RFC 5322 date, UTC).
std::string rfc5322_date(std::chrono::system_clock::time_point when);

// The Danish subject: "Faktura 1004 fra 2nd Chance 2020" / "Kreditnota 1005 fra ...".
std::string mail_subject(const render::IssuedDocument& doc);
// The Danish text of the mail: to the payer, the document, amount and due date, the provider.
std::string mail_text(const render::IssuedDocument& doc);

// The whole mail for a numbered document: from the provider (its name, `from_address`) to the
// payer (the document's buyer name, `to_address`), `pdf` attached as NUMBER.pdf.
Mail compose_mail(const render::IssuedDocument& doc, std::string_view from_address, std::string_view to_address,
                  std::string pdf);

// A reminder (SPEC 9.4) by mail: "Rykker R3 for faktura 1004 fra ...", a Danish text with what is
// open and the payment date, `pdf` attached as R3.pdf.
std::string mail_subject(const render::ReminderDocument& reminder);
std::string mail_text(const render::ReminderDocument& reminder);
Mail compose_mail(const render::ReminderDocument& reminder, std::string_view from_address, std::string_view to_address,
                  std::string pdf);

} // namespace delivery
