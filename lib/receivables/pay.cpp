#include "receivables/pay.hpp"

#include "receivables/amount.hpp"
#include "register/document_ref.hpp"
#include "register/register.hpp"

#include <fmt/format.h>

#include <system_error>

namespace receivables {
namespace {

[[noreturn]] void refuse(std::string message) { throw diag::Error(diag::ErrorKind::data, std::move(message)); }

} // namespace

std::int64_t payment_document_number(const std::string& text) {
  const std::optional<invoice_register::DocumentRef> ref = invoice_register::parse_document_ref(text);
  if (ref && ref->reminder())
    refuse(fmt::format("{} is a reminder: record the payment on the invoice it reminds of", ref->to_string()));
  if (!ref || ref->number < 0) refuse(fmt::format("\"{}\" is not a document number", text));
  return ref->number;
}

PayOutcome record_payment(const std::filesystem::path& books_dir, const PayRequest& request) {
  const std::int64_t number = payment_document_number(request.document);
  const ParsedAmount parsed = parse_amount(request.amount, AmountStyle::either);
  if (!parsed.amount) refuse(parsed.error);
  const Money amount = *parsed.amount;
  if (amount.is_zero()) refuse("a payment of 0.00 records nothing");
  if (request.date > request.today)
    refuse(fmt::format("the payment date {} is after today ({})", request.date.to_string(), request.today.to_string()));
  std::error_code ec;
  if (!std::filesystem::exists(books_dir / invoice_register::k_file_name, ec))
    refuse(fmt::format("no document number {} in the register (no invoice has been issued yet)", number));

  auto reg = invoice_register::Register::open_for_run(books_dir, request.busy_timeout_ms);
  const auto doc = reg->document(number);
  if (!doc) refuse(fmt::format("no document number {} in the register", number));
  if (doc->kind != "invoice")
    refuse(fmt::format("{} is a credit note: payments and refunds are recorded on invoices", number));

  invoice_register::PaymentRow row;
  row.invoice = number;
  row.contract = doc->contract;
  row.date = request.date.to_string();
  row.amount = amount.hundredths();
  row.text = request.text;
  row.recorded = request.today.to_string();
  const std::int64_t id = reg->record_payment(row);

  const Ledger ledger = Ledger::load(*reg);
  const PaymentSettlement* settled = ledger.settlement(id);
  if (!settled) throw diag::Error(diag::ErrorKind::internal, "the payment just recorded is not in the ledger");
  if (settled->unsettled > Money{})
    refuse(fmt::format("a refund of {} on invoice {} is more than can be paid out: the contract's credit and what "
                       "payments settled on {} come to {}",
                       (-amount).to_string(), number, number, (-amount - settled->unsettled).to_string()));
  reg->commit();

  PayOutcome out;
  out.payment = id;
  out.invoice = number;
  out.contract = doc->contract;
  out.date = request.date;
  out.amount = amount;
  out.settlement = *settled;
  out.invoice_open = ledger.invoice(number)->open();
  out.contract_credit = ledger.credit(doc->contract);
  return out;
}

} // namespace receivables
