#pragma once
// CLI11's help and parse errors in the user's language. Descriptions are registered untranslated
// (marked N_) and translated only when help is printed, so parsing a command line does no
// gettext work.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace cli {

// The formatter every command shares: translates descriptions, group names and footers.
std::shared_ptr<CLI::Formatter> translating_formatter();
// Sets the formatter's labels (Usage, OPTIONS, REQUIRED, ...) in the user's language; call it
// just before printing help.
void translate_labels(CLI::FormatterBase& formatter);
// A CLI11 parse error's message in the user's language (CLI11's English when there is no
// translation for it).
std::string parse_error_message(const CLI::ParseError& e);
// What to print on stderr for a parse error of `app`, every line prefixed as the program's own:
// the message and a pointer to --help. A first word that is no command (`honorar chek`) is
// named as an unknown command, with the command or alias of the closest name when one is close.
std::string usage_error_text(const CLI::App& app, const CLI::ParseError& e);

} // namespace cli
