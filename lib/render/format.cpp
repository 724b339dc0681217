#include "render/format.hpp"

#include "render/json.hpp"
#include "render/text.hpp"

#include <algorithm>

namespace render {
namespace {

class JsonFormat final : public DocumentFormat {
public:
  std::string_view name() const override { return "json"; }
  std::string_view extension() const override { return "json"; }
  std::string render(const IssuedDocument& doc) const override { return dump(to_json(doc)); }
};

class TextFormat final : public DocumentFormat {
public:
  std::string_view name() const override { return "text"; }
  std::string_view extension() const override { return "txt"; }
  std::string render(const IssuedDocument& doc) const override { return document_text(doc); }
};

} // namespace

const std::vector<const DocumentFormat*>& formats() {
  static const JsonFormat json;
  static const TextFormat text;
  static const std::vector<const DocumentFormat*> all{&json, &text, &ubl_format(), &pdf_format()};
  return all;
}

const DocumentFormat* find_format(std::string_view name) {
  for (const DocumentFormat* f : formats())
    if (f->name() == name) return f;
  return nullptr;
}

std::vector<const DocumentFormat*> formats_for(const IssuedDocument& doc, const books::DocumentSettings& settings) {
  std::vector<const DocumentFormat*> out{find_format("json"), find_format("text")};
  for (const std::string& name : settings.formats_for(doc.buyer.kind))
    if (const DocumentFormat* f = find_format(name); f && std::find(out.begin(), out.end(), f) == out.end())
      out.push_back(f);
  return out;
}

} // namespace render
