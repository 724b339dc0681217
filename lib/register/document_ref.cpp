#include "register/document_ref.hpp"

namespace invoice_register {

std::string DocumentRef::to_string() const { return (reminder() ? "R" : "") + std::to_string(number); }

std::optional<DocumentRef> parse_document_ref(std::string_view text) {
  DocumentRef ref;
  bool negative = false;
  if (!text.empty() && (text.front() == 'R' || text.front() == 'r')) {
    ref.kind = DocumentRef::Kind::reminder;
    text.remove_prefix(1);
  } else if (!text.empty() && text.front() == '-') { // a number, though never a document's
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    ref.number = ref.number * 10 + (c - '0');
  }
  if (negative) ref.number = -ref.number;
  return ref;
}

} // namespace invoice_register
