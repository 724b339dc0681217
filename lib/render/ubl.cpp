// Placeholder until the ubl renderer lands (issue 4); no default [documents] setting names it yet.
#include "render/format.hpp"

#include "diag/diagnostic.hpp"

namespace render {
namespace {

class Pending final : public DocumentFormat {
public:
  std::string_view name() const override { return "xml"; }
  std::string_view extension() const override { return "xml"; }
  std::string render(const Json&) const override {
    throw diag::Error(diag::ErrorKind::usage, "this document format is not available yet");
  }
};

} // namespace

const DocumentFormat& ubl_format() {
  static const Pending format;
  return format;
}

} // namespace render
