#pragma once
// honorar.toml (SPEC 1.1).

#include "books/model.hpp"
#include "diag/diagnostic.hpp"

#include <string>

namespace books {

// `rel_path` names the file in messages; `text` is its content.
Settings load_settings(const std::string& rel_path, std::string text, diag::Diagnostics& diags);

} // namespace books
