#pragma once
// One interface for every document format, so that a new format (say NemHandel BIS 4) is one
// new file plus one line in formats(). Each renders a document from the typed issued document
// only (render/document.hpp): the same document always gives the same bytes.

#include "books/model.hpp"
#include "render/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace render {

class DocumentFormat {
public:
  virtual ~DocumentFormat() = default;
  // The name used in honorar.toml [documents] and in `register render --format`.
  virtual std::string_view name() const = 0;
  // The file extension under invoices/YYYY/, without the dot.
  virtual std::string_view extension() const = 0;
  virtual std::string render(const IssuedDocument& doc) const = 0;
};

// Every format honorar can write: json, text, xml (Peppol BIS Billing 3.0), pdf.
const std::vector<const DocumentFormat*>& formats();
// nullptr when there is no such format.
const DocumentFormat* find_format(std::string_view name);

// The formats written for a document: json and text always, then those honorar.toml's
// [documents] sets for the payer's kind.
std::vector<const DocumentFormat*> formats_for(const IssuedDocument& doc, const books::DocumentSettings& settings);

// Implemented in ubl.cpp and pdf.cpp.
const DocumentFormat& ubl_format();
const DocumentFormat& pdf_format();

} // namespace render
