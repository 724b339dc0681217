// honorar.toml (SPEC 1.1)
#include "books/settings.hpp"

#include "books/free_text.hpp"
#include "books/identifiers.hpp"
#include "books/placeholders.hpp"
#include "books/suggest.hpp"
#include "books/toml_reader.hpp"
#include "books/vat.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>

namespace books {
namespace {

void read_bank(const TomlFile& file, const toml::table& table, const diag::Location& where, BankAccount& bank,
               diag::Diagnostics& diags) {
  TableReader r(file, table, diags, "bank", {"reg", "account", "iban", "bic"}, where);
  auto reg = r.string("reg", Need::optional);
  auto account = r.string("account", Need::optional);
  auto iban = r.string("iban", Need::optional);
  auto bic = r.text("bic", Need::optional);
  r.finish();
  auto digits = [](const std::string& s, std::size_t lo, std::size_t hi) {
    return s.size() >= lo && s.size() <= hi && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (reg || account) {
    if (!reg || !account) r.error_here("bank needs both 'reg' and 'account'");
    else if (!digits(*reg, 4, 4)) r.error("reg", "bank 'reg' must be 4 digits");
    else if (!digits(*account, 1, 10)) r.error("account", "bank 'account' must be 1 to 10 digits");
    else {
      bank.reg = *reg;
      bank.account = *account;
    }
  } else if (iban) {
    const std::optional<std::string> normal = normalise_iban(*iban);
    if (!normal) r.error("iban", "bank 'iban' is not an IBAN (country code, check digits and account, ISO 13616)");
    else bank.iban = *normal;
    bank.bic = bic.value_or("");
  } else {
    r.error_here("bank needs { reg, account } or { iban, bic }");
  }
}

std::vector<std::string> read_format_list(TableReader& r, std::string_view key, std::vector<std::string> fallback) {
  auto names = r.string_array(key, Need::optional);
  if (!names) return fallback;
  for (const std::string& name : *names)
    if (std::find(std::begin(k_document_format_names), std::end(k_document_format_names), name) ==
        std::end(k_document_format_names))
      r.error(key, fmt::format("unknown document format \"{}\" in '{}'{} (formats: json, text, xml, pdf)", name, key,
                               did_you_mean(name, k_document_format_names)));
  return *names;
}

void read_documents(const TomlFile& file, const toml::table& table, DocumentSettings& documents,
                    diag::Diagnostics& diags) {
  TableReader r(file, table, diags, "[documents]", {"municipality", "private"}, file.location(table));
  documents.municipality = read_format_list(r, "municipality", documents.municipality);
  documents.private_payer = read_format_list(r, "private", documents.private_payer);
  r.finish();
}

// [accounts] (SPEC 10.1): account numbers as the accounting systems (e-conomic, Dinero, Billy) number
// them — digits only, given as strings so that a leading zero is kept.
void read_accounts(const TomlFile& file, const toml::table& table, Accounts& accounts, diag::Diagnostics& diags) {
  TableReader r(file, table, diags, "[accounts]",
                {"debtors", "sales_exempt", "sales_vat", "output_vat", "outlays", "bank", "reminder_fees", "interest",
                 "compensation"},
                file.location(table));
  std::string* const members[] = {&accounts.debtors,  &accounts.sales_exempt,  &accounts.sales_vat,
                                  &accounts.output_vat, &accounts.outlays,      &accounts.bank,
                                  &accounts.reminder_fees, &accounts.interest, &accounts.compensation};
  static_assert(std::size(members) == std::size(k_account_keys));
  for (std::size_t i = 0; i < std::size(members); ++i) {
    const std::string_view key = k_account_keys[i];
    auto number = r.string(key, Need::optional);
    if (!number) continue;
    if (number->empty() || number->size() > 10 || number->find_first_not_of("0123456789") != std::string::npos)
      r.error(key, fmt::format("account '{}' must be an account number of 1 to 10 digits, not \"{}\"", key, *number));
    else *members[i] = *number;
  }
  r.finish();
}

// reference_rates = { 2026-01-01 = 1.35, 2026-07-01 = 1.60 }: percent per half-year, keyed by
// its first day, with no half-year missing between the first and the last (SPEC 9.4).
void read_reference_rates(const TomlFile& file, const toml::table& table, const diag::Location& where,
                          std::map<Date, Percent>& rates, diag::Diagnostics& diags) {
  TableReader r(file, table, diags, "reference_rates", {}, where);
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    const std::optional<Date> day = calendar::parse_date(name);
    if (!day || (day->month() != 1 && day->month() != 7) || day->day() != 1) {
      diags.error(file.location(key.source().begin),
                  fmt::format("reference_rates key '{}' must be a 1 January or 1 July date (YYYY-01-01 or "
                              "YYYY-07-01)", name));
      continue;
    }
    const std::optional<std::int64_t> percent = r.decimal(name, Need::required);
    if (!percent) continue;
    if (*percent < 0 || *percent > 100'00)
      r.error(name, fmt::format("reference rate {} must be a percentage from 0.00 to 100.00", name));
    else rates.emplace(*day, Percent::from_hundredths(*percent));
  }
  if (rates.empty()) return;
  for (Date d = rates.begin()->first; d < rates.rbegin()->first; d = calendar::add_months(d, 6))
    if (!rates.contains(d))
      diags.error(where, fmt::format("reference_rates has no rate for {}: add {} = the rate in percent",
                                     calendar::half_year_name(d), d.to_string()));
}

void read_reminders(const TomlFile& file, const toml::table& table, Reminders& reminders, diag::Diagnostics& diags) {
  TableReader r(file, table, diags, "[reminders]", {"fee", "minimum", "compensation", "first_number", "reference_rates"},
                file.location(table));
  auto amount = [&r](std::string_view key, Money& out) {
    if (const auto hundredths = r.decimal(key, Need::optional)) {
      if (*hundredths < 0) r.error(key, fmt::format("'{}' must not be negative", key));
      else out = Money::from_hundredths(*hundredths);
    }
  };
  amount("fee", reminders.fee);
  // renteloven § 9 b: a reminder fee is at most 100 kr.
  if (reminders.fee > Money::from_units(100)) {
    r.error("fee", fmt::format("'fee' must be at most 100.00 (renteloven § 9 b), not {}", reminders.fee.to_string()));
    reminders.fee = Money::from_units(100);
  }
  amount("minimum", reminders.minimum);
  amount("compensation", reminders.compensation);
  if (auto first = r.integer("first_number", Need::optional)) {
    if (*first < 1 || *first > 999'999'999) r.error("first_number", "'first_number' must be 1 to 999999999");
    else reminders.first_number = *first;
  }
  if (const toml::table* rates = r.table("reference_rates", Need::optional))
    read_reference_rates(file, *rates, r.location_of("reference_rates"), reminders.reference_rates, diags);
  r.finish();
}

// [statement] (SPEC 9.2): the column names of a bank statement.
void read_statement(const TomlFile& file, const toml::table& table, StatementSettings& statement,
                    diag::Diagnostics& diags) {
  TableReader r(file, table, diags, "[statement]", {"date", "text", "amount"}, file.location(table));
  statement.date = r.text("date", Need::optional).value_or(statement.date);
  statement.text = r.text("text", Need::optional).value_or(statement.text);
  statement.amount = r.text("amount", Need::optional).value_or(statement.amount);
  r.finish();
}

constexpr std::string_view k_security_names[] = {"starttls", "tls", "none"};

// [mail] (SPEC 10.2). The password is never read from here: a `password` key is an error that
// says where it goes, and its value appears in no message.
void read_mail(const TomlFile& file, const toml::table& table, const Provider& provider, MailSettings& mail,
               diag::Diagnostics& diags) {
  TableReader r(file, table, diags, "[mail]",
                {"host", "port", "security", "user", "from", "password_file", "ca_file", "password"},
                file.location(table));
  if (r.has("password"))
    r.error("password", "[mail] must not hold the SMTP password: set HONORAR_SMTP_PASSWORD, or name a file "
                        "holding it with 'password_file'");
  mail.host = r.text("host", Need::required).value_or("");
  if (mail.host.find_first_of(" /?#@\t\r\n") != std::string::npos)
    r.error("host", "[mail] 'host' must be a host name or address, such as \"smtp.example.dk\"");
  if (auto security = r.string("security", Need::optional)) {
    if (*security == "starttls") mail.security = MailSettings::Security::starttls;
    else if (*security == "tls") mail.security = MailSettings::Security::tls;
    else if (*security == "none") mail.security = MailSettings::Security::none;
    else
      r.error("security", fmt::format("[mail] 'security' must be \"starttls\", \"tls\" or \"none\", not \"{}\"{}", *security,
                                      did_you_mean(*security, k_security_names)));
  }
  mail.port = mail.security == MailSettings::Security::tls ? 465 : mail.security == MailSettings::Security::none ? 25 : 587;
  if (auto port = r.integer("port", Need::optional)) {
    if (*port < 1 || *port > 65535) r.error("port", "[mail] 'port' must be 1 to 65535");
    else mail.port = static_cast<int>(*port);
  }
  mail.user = r.text("user", Need::optional).value_or("");
  if (auto from = r.text("from", Need::optional)) {
    if (!is_mail_address(*from)) r.error("from", fmt::format("[mail] 'from' is not an e-mail address: \"{}\"", *from));
    mail.from = *from;
  } else if (is_mail_address(provider.email)) {
    mail.from = provider.email;
  } else {
    r.error_here("[mail] needs 'from', the sender's e-mail address (or an 'email' under [provider])");
  }
  mail.password_file = r.text("password_file", Need::optional).value_or("");
  mail.ca_file = r.text("ca_file", Need::optional).value_or("");
  // Without TLS a login would send the password in clear: only to a server on this machine.
  const bool loopback = mail.host == "localhost" || mail.host == "::1" || mail.host.starts_with("127.");
  if (mail.security == MailSettings::Security::none && !mail.user.empty() && !loopback)
    r.error("security", "[mail] security = \"none\" would send the password in clear: use \"starttls\" or \"tls\" "
                        "(a login without TLS is allowed only to localhost)");
  r.finish();
}

// [delivery] (SPEC 10.2): `command` is a program, or an array of the program and its arguments.
void read_delivery(const TomlFile& file, const toml::table& table, DeliverySettings& delivery, diag::Diagnostics& diags) {
  TableReader r(file, table, diags, "[delivery]", {"command", "timeout"}, file.location(table));
  if (auto timeout = r.integer("timeout", Need::optional)) {
    if (*timeout < 1 || *timeout > 86400) r.error("timeout", "[delivery] 'timeout' must be 1 to 86400 seconds");
    else delivery.timeout_seconds = static_cast<int>(*timeout);
  }
  if (auto program = r.string_if_string("command")) {
    delivery.command = {r.text("command", Need::required).value_or("")};
  } else if (auto words = r.string_array("command", Need::required)) {
    if (words->empty() || is_blank(words->front()))
      r.error("command", "[delivery] 'command' must name a program: [\"program\", \"argument\", ...]");
    delivery.command = *words;
  }
  r.finish();
}

} // namespace

Settings load_settings(const std::string& rel_path, std::string text, diag::Diagnostics& diags) {
  Settings s;
  TomlFile file(rel_path, std::move(text));
  auto root = parse_toml(file, diags);
  if (!root) return s;
  const diag::Location top{rel_path, 1, 1};
  TableReader r(file, *root, diags, "honorar.toml",
                {"provider", "invoicing", "documents", "statement", "mail", "delivery", "accounts", "reminders"}, top);
  const toml::table* provider = r.table("provider", Need::required);
  const toml::table* invoicing = r.table("invoicing", Need::required);
  const toml::table* documents = r.table("documents", Need::optional);
  const toml::table* statement = r.table("statement", Need::optional);
  const toml::table* accounts = r.table("accounts", Need::optional);
  const toml::table* mail = r.table("mail", Need::optional);
  const toml::table* delivery = r.table("delivery", Need::optional);
  const toml::table* reminders = r.table("reminders", Need::optional);
  r.finish();
  if (documents) read_documents(file, *documents, s.documents, diags);
  if (accounts) read_accounts(file, *accounts, s.accounts, diags);
  if (statement) read_statement(file, *statement, s.statement, diags);
  if (reminders) read_reminders(file, *reminders, s.reminders, diags);

  if (provider) {
    TableReader p(file, *provider, diags, "[provider]", {"name", "cvr", "address", "email", "bank", "fik_creditor"},
                  file.location(*provider));
    s.provider.name = p.text("name", Need::required).value_or("");
    if (auto cvr = p.string("cvr", Need::required)) {
      if (!is_valid_cvr(*cvr)) p.error("cvr", fmt::format("CVR number '{}' is not valid (8 digits, modulus 11)", *cvr));
      s.provider.cvr = *cvr;
    }
    s.provider.address = p.text_lines("address", Need::required).value_or(std::vector<std::string>{});
    s.provider.email = p.text("email", Need::optional).value_or("");
    if (auto creditor = p.string("fik_creditor", Need::optional)) {
      if (!is_valid_fik_creditor(*creditor))
        p.error("fik_creditor", fmt::format("'fik_creditor' must be the 8 digits of an FIK creditor number, not \"{}\"", *creditor));
      else s.provider.fik_creditor = *creditor;
    }
    if (const toml::table* bank = p.table("bank", Need::required))
      read_bank(file, *bank, p.location_of("bank"), s.provider.bank, diags);
    for (const auto& [key, message] : placeholders::provider_warnings(s.provider))
      diags.warning(p.location_of(key), message);
    p.finish();
  }
  if (invoicing) {
    TableReader inv(file, *invoicing, diags, "[invoicing]",
                    {"from", "first_number", "payment_terms", "vat", "vat_exemption_note"}, file.location(*invoicing));
    if (auto from = inv.string("from", Need::required)) {
      if (auto month = calendar::parse_month(*from)) s.invoicing.from = *month;
      else inv.error("from", fmt::format("'from' must be a month YYYY-MM, not \"{}\"", *from));
    }
    if (auto first = inv.integer("first_number", Need::optional)) {
      if (*first < 1 || *first > 999'999'999) inv.error("first_number", "'first_number' must be 1 to 999999999");
      else s.invoicing.first_number = *first;
    }
    const std::string terms = inv.string("payment_terms", Need::optional).value_or(std::string(calendar::k_default_payment_terms));
    if (auto parsed = calendar::PaymentTerms::parse(terms)) s.invoicing.payment_terms = *parsed;
    else
      inv.error("payment_terms", fmt::format("payment terms \"{}\" do not parse (expected e.g. \"30 dage\" or "
                                             "\"løbende måned + 30 dage\")", terms));
    const auto vat = read_vat(inv, "vat");
    if (vat) s.invoicing.vat = *vat;
    // SPEC 1.1: the note is required when exempt (an exempt invoice must say why it has no VAT).
    // An invalid `vat` has been reported already; it does not also ask for a note.
    const bool exempt = vat ? vat->exempt() : !inv.has("vat");
    const auto note = inv.string("vat_exemption_note", Need::optional);
    if (exempt && (!note || is_blank(*note)))
      inv.error("vat_exemption_note", "[invoicing] needs a 'vat_exemption_note' when vat is \"exempt\"");
    else if (note)
      check_not_blank("vat_exemption_note", *note, false, inv.location_of("vat_exemption_note"), diags);
    s.invoicing.vat_exemption_note = note.value_or("");
    inv.finish();
  }
  if (mail) read_mail(file, *mail, s.provider, s.mail.emplace(), diags);
  if (delivery) read_delivery(file, *delivery, s.delivery.emplace(), diags);
  return s;
}

} // namespace books
