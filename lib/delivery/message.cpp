#include "delivery/message.hpp"

#include "money/fixed2.hpp"
#include "render/text.hpp"

#include <fmt/format.h>

#include <ctime>

namespace delivery {
namespace {

constexpr std::string_view k_base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16 |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += k_base64[v >> 18 & 63];
    out += k_base64[v >> 12 & 63];
    out += k_base64[v >> 6 & 63];
    out += k_base64[v & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned v = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) v |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += k_base64[v >> 18 & 63];
    out += k_base64[v >> 12 & 63];
    out += rest == 2 ? k_base64[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

bool printable_ascii(std::string_view text) {
  for (const char c : text)
    if (c < ' ' || c > '~') return false;
  return true;
}

// The length of the UTF-8 character starting with byte `lead` (1 for a stray byte).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

} // namespace

std::string encode_header_text(std::string_view text) {
  if (printable_ascii(text) && text.find("=?") == std::string_view::npos) return std::string(text);
  // "=?UTF-8?B?" + base64 + "?=" <= 75 characters: 45 base64 characters hold 45 / 4 * 3 = 33 bytes.
  constexpr std::size_t k_max_bytes = 45;
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size()) {
      const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(text[end])), text.size() - end);
      if (end + n - start > k_max_bytes) break;
      end += n;
    }
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string encode_mailbox(std::string_view name, std::string_view address) {
  const std::string angle = "<" + std::string(address) + ">";
  if (name.empty()) return angle;
  if (!printable_ascii(name) || name.find("=?") != std::string_view::npos)
    return encode_header_text(name) + " " + angle;
  if (name.find_first_of("()<>[]:;@\\,.\"") == std::string_view::npos) return std::string(name) + " " + angle;
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" " + angle;
}

std::string rfc5322_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", days[utc.tm_wday % 7], utc.tm_mday,
                     months[utc.tm_mon % 12], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

namespace {

// The line saying how to pay an invoice: by FIK card when it has one, else to the bank account with
// the invoice number (`invoice`).
std::string how_to_pay(const std::optional<std::string>& fik, const render::Seller& seller, const std::string& invoice) {
  if (fik) return fmt::format("Betal med indbetalingskort: {}\n", *fik);
  return fmt::format("Betal til {}, og skriv fakturanummer {} ved betalingen.\n", render::bank_account_text(seller.bank),
                     invoice);
}

// "Med venlig hilsen", then the seller's name, address on one line, and CVR.
std::string signature(const render::Seller& seller) {
  std::string out = "Med venlig hilsen\n" + seller.name + "\n";
  std::string address;
  for (const std::string& line : seller.address) address += (address.empty() ? "" : ", ") + line;
  if (!address.empty()) out += address + "\n";
  return out + "CVR " + seller.cvr + "\n";
}

} // namespace

std::string mail_subject(const render::IssuedDocument& doc) {
  return fmt::format("{} {} fra {}", doc.credit_note() ? "Kreditnota" : "Faktura", doc.number.value_or(0),
                     doc.seller.name);
}

std::string mail_text(const render::IssuedDocument& doc) {
  const std::string number = std::to_string(doc.number.value_or(0));
  std::string out = fmt::format("Kære {}\n\n", doc.buyer.name);
  if (doc.credit_note()) {
    const money::Money amount = money::Money::from_hundredths(-doc.total.hundredths());
    out += fmt::format("Hermed kreditnota {} af {} på {} kr. fra {}.\n", number, render::danish_date(doc.issue_date),
                       money::format_hundredths_danish(amount.hundredths()), doc.seller.name);
    out += "Kreditnotaen er vedhæftet som PDF.\n";
  } else {
    out += fmt::format("Hermed faktura {} af {} på {} kr. fra {}.\n", number, render::danish_date(doc.issue_date),
                       money::format_hundredths_danish(doc.total.hundredths()), doc.seller.name);
    out += fmt::format("Fakturaen er vedhæftet som PDF. Beløbet forfalder til betaling den {}.\n",
                       render::danish_date(doc.due_date));
    out += how_to_pay(render::fik_payment_line(doc), doc.seller, number);
  }
  out += "\nSpørgsmål til dokumentet besvares gerne: svar blot på denne mail.\n\n";
  out += signature(doc.seller);
  return out;
}

Mail compose_mail(const render::IssuedDocument& doc, std::string_view from_address, std::string_view to_address,
                  std::string pdf) {
  Mail m;
  m.from_address = std::string(from_address);
  m.to_address = std::string(to_address);
  m.from = encode_mailbox(doc.seller.name, from_address);
  m.to = encode_mailbox(doc.buyer.name, to_address);
  m.subject = encode_header_text(mail_subject(doc));
  m.text = mail_text(doc);
  m.attachment_name = std::to_string(doc.number.value_or(0)) + ".pdf";
  m.attachment = std::move(pdf);
  return m;
}

std::string mail_subject(const render::ReminderDocument& reminder) {
  return fmt::format("Rykker {} for faktura {} fra {}", render::reminder_name(reminder), reminder.invoice,
                     reminder.seller.name);
}

std::string mail_text(const render::ReminderDocument& reminder) {
  std::string out = fmt::format("Kære {}\n\n", reminder.buyer.name);
  out += fmt::format("Vi har endnu ikke modtaget fuld betaling af faktura {} af {}, der forfaldt den {}.\n",
                     reminder.invoice, render::danish_date(reminder.invoice_issue_date),
                     render::danish_date(reminder.invoice_due_date));
  out += fmt::format("Hermed {} ({}). Udestående i alt: {} kr., der bedes betalt senest den {}.\n",
                     render::reminder_ordinal(reminder.reminder), render::reminder_name(reminder),
                     money::format_hundredths_danish(reminder.open.hundredths()), render::danish_date(reminder.pay_by));
  out += "Rykkeren er vedhæftet som PDF.\n";
  out += how_to_pay(render::fik_payment_line(reminder), reminder.seller, std::to_string(reminder.invoice));
  if (reminder.collection_warning) out += render::collection_warning_text(reminder) + "\n";
  out += "\nHar du allerede betalt, kan du se bort fra denne rykker.\n\n";
  out += signature(reminder.seller);
  return out;
}

Mail compose_mail(const render::ReminderDocument& reminder, std::string_view from_address,
                  std::string_view to_address, std::string pdf) {
  Mail m;
  m.from_address = std::string(from_address);
  m.to_address = std::string(to_address);
  m.from = encode_mailbox(reminder.seller.name, from_address);
  m.to = encode_mailbox(reminder.buyer.name, to_address);
  m.subject = encode_header_text(mail_subject(reminder));
  m.text = mail_text(reminder);
  m.attachment_name = render::reminder_name(reminder) + ".pdf";
  m.attachment = std::move(pdf);
  return m;
}

} // namespace delivery
