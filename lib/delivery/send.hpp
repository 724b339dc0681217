#pragma once
// `honorar send` (SPEC 10.2) end to end: which registered documents go where, the checks before
// anything is sent, the sending, and the record of every attempt in the register.

#include "books/model.hpp"
#include "delivery/outcome.hpp"
#include "render/document.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace delivery {

enum class Channel { email, einvoice };
// "email" | "einvoice": as the register and the JSON name it.
std::string channel_name(Channel c);

struct Route {
  Channel channel = Channel::email;
  std::string to; // the e-mail address, or the buyer's EAN (the e-invoice's endpoint)
};

// How a document is delivered (SPEC 10.2), the one place that decides it: as an e-invoice when
// [documents] gives its payer's kind "xml" (the document has an .xml); else by e-mail when the
// payer has an address -- the contract's address as the books have it now (a corrected address
// counts), else the one on the document; else nullopt: nothing honorar can send (by hand).
std::optional<Route> route_of(const render::IssuedDocument& doc, const books::Books& books);

struct Request {
  bool dry_run = false;
  std::vector<std::int64_t> resend; // --resend N: exactly these documents, delivered or not
  std::vector<std::int64_t> resend_reminders; // --resend R<n>: these reminders, likewise
  int busy_timeout_ms = 10'000;
  std::optional<std::string> password;  // $HONORAR_SMTP_PASSWORD (the CLI reads it)
  std::vector<std::string> environment; // the delivery command's environment (NAME=value)
  std::function<std::chrono::system_clock::time_point()> now = [] { return std::chrono::system_clock::now(); };
};

enum class Status { delivered, failed, skipped, planned };

struct Item {
  std::string document; // "1004"
  Channel channel = Channel::email;
  std::string to;
  Status status = Status::planned;
  Failure failure = Failure::none;
  std::string answer; // the server's reply / the command's exit status and output; why skipped
  std::string at;     // when the attempt ended (UTC, YYYY-MM-DDTHH:MM:SSZ); empty if none
};

struct Report {
  std::vector<Item> items;                 // in document order
  std::vector<std::string> without_route;  // documents with no e-mail address and no e-invoice
  std::string mail_server;                 // "smtp://host:587" when a mail is (to be) sent
  // The worst failure: unavailable or refused (exit 69) over temporary (exit 75) over none.
  Failure worst() const;
};

// Sends every registered document not yet delivered (or those of request.resend), recording each
// attempt in the register right after it (ARCHITECTURE.md "Sending"); a dry run plans and writes
// nothing. Throws diag::Error before anything is sent: data (65) for a document that needs [mail]
// or [delivery] when honorar.toml lacks it, a login without a password, an address that is not
// one, --resend of a document that cannot be sent; missing (66) for --resend of no document or an
// unreadable password_file; busy (75) when another send holds the books; unavailable (69) when
// libcurl cannot be loaded.
Report send_documents(const std::filesystem::path& books_dir, const books::Books& books, const Request& request);

// UTC "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_timestamp(std::chrono::system_clock::time_point when);

} // namespace delivery
