#pragma once
// A document number as the command line takes it (SPEC 9.4): "1004" names an invoice or credit
// note, "R3" a reminder (the reminders' own series). The one place that reads the R<n> form.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace invoice_register {

struct DocumentRef {
  enum class Kind { document, reminder };
  Kind kind = Kind::document;
  std::int64_t number = 0;

  bool reminder() const { return kind == Kind::reminder; }
  // "1004", "R3"
  std::string to_string() const;
  friend bool operator==(const DocumentRef&, const DocumentRef&) = default;
};

// "1004" or "R3" (also "r3"): digits (at most 18; a plain number may have a '-', which names no
// document but is a number); nullopt for anything else.
std::optional<DocumentRef> parse_document_ref(std::string_view text);

} // namespace invoice_register
