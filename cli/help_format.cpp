#include "help_format.hpp"

#include "i18n.hpp"

#include "books/suggest.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>

#include <functional>
#include <optional>
#include <regex>
#include <string_view>
#include <vector>

namespace cli {
namespace {

// CLI11's own descriptions of --help and --version, for xgettext.
[[maybe_unused]] constexpr const char* k_cli11_texts[] = {
    N_("Print this help message and exit"),
    N_("Display program version information and exit"),
};

std::string tr(const std::string& text) { return text.empty() ? text : std::string(_(text.c_str())); }

class TranslatingFormatter final : public CLI::Formatter {
public:
  std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override {
    return CLI::Formatter::make_group(tr(group), is_positional, std::move(opts));
  }
  std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
    // The group heading "Subcommands" is printed as it is by CLI11: translate it afterwards.
    std::string out = CLI::Formatter::make_subcommands(app, mode);
    const std::string heading = "\nSubcommands:\n";
    if (auto at = out.find(heading); at != std::string::npos) out.replace(at, heading.size(), "\n" + tr("Subcommands") + ":\n");
    return out;
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    // CLI11 pads by bytes; "udestående" needs padding by characters to line up.
    const std::string name = "  " + sub->get_display_name(true);
    const std::size_t width = util::codepoints(name);
    std::string out = name;
    const std::string description = tr(sub->get_description());
    if (!description.empty()) {
      out += width >= column_width_ ? "\n" + std::string(column_width_, ' ') : std::string(column_width_ - width, ' ');
      out += description;
    }
    return out + "\n";
  }
  std::string make_description(const CLI::App* app) const override {
    const std::string desc = tr(app->get_description());
    return desc.empty() ? desc : desc + "\n";
  }
  std::string make_footer(const CLI::App* app) const override {
    const std::string footer = tr(app->get_footer());
    return footer.empty() ? footer : footer + "\n";
  }
  std::string make_option_desc(const CLI::Option* opt) const override { return tr(opt->get_description()); }
};

// The word given where a command belongs when no command was recognised (`honorar chek`,
// `honorar --books X chek`): CLI11 keeps the words it could not place, in order; the first that
// is not an option is the command meant. Nullopt when a command was recognised.
std::optional<std::string> unknown_command(const CLI::App& app) {
  if (!app.get_subcommands().empty()) return std::nullopt;
  for (const std::string& word : app.remaining())
    if (!word.starts_with('-')) return word;
  return std::nullopt;
}

// Every name a command answers to: its own and its Danish aliases.
std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands(std::function<bool(const CLI::App*)>{})) {
    names.push_back(sub->get_name());
    for (const std::string& alias : sub->get_aliases()) names.push_back(alias);
  }
  return names;
}

} // namespace

std::shared_ptr<CLI::Formatter> translating_formatter() { return std::make_shared<TranslatingFormatter>(); }

void translate_labels(CLI::FormatterBase& f) {
  f.label("Usage", _("Usage"));
  f.label("OPTIONS", _("OPTIONS"));
  f.label("SUBCOMMAND", _("SUBCOMMAND"));
  f.label("SUBCOMMANDS", _("SUBCOMMANDS"));
  f.label("Positionals", _("Positionals"));
  f.label("REQUIRED", _("REQUIRED"));
  f.label("TEXT", _("TEXT"));
  f.label("INT", _("INT"));
  // Not labels but group names, translated by make_group: for xgettext.
  (void)N_("Options");
  (void)N_("Subcommands");
}

std::string parse_error_message(const CLI::ParseError& e) {
  const std::string what = e.what();
  std::smatch m;
  // The message patterns of CLI11 2.1 that a user meets, each as one translatable template whose
  // English is CLI11's own text.
  static const std::regex extra_one("The following argument was not expected: (.*)");
  static const std::regex extra_many("The following arguments were not expected: (.*)");
  static const std::regex required("(.*) is required");
  static const std::regex missing_value("(.*): 1 required (.*) missing");
  static const std::regex not_in_range("(.*): Value (.*) not in range (.*) to (.*)");
  static const std::regex could_not_convert("Could not convert: (.*) = (.*)");
  static const std::regex not_member("(.*): (.*) not in \\{(.*)\\}");
  auto f = [](const char* translated, auto&&... args) {
    return fmt::format(fmt::runtime(translated), std::forward<decltype(args)>(args)...);
  };
  if (what == "A subcommand is required") return _("A subcommand is required");
  if (std::regex_match(what, m, extra_one)) return f(_("The following argument was not expected: {}"), m[1].str());
  if (std::regex_match(what, m, extra_many)) return f(_("The following arguments were not expected: {}"), m[1].str());
  if (std::regex_match(what, m, missing_value)) return f(_("{}: 1 required {} missing"), m[1].str(), m[2].str());
  if (std::regex_match(what, m, required)) return f(_("{} is required"), m[1].str());
  if (std::regex_match(what, m, not_in_range))
    return f(_("{}: Value {} not in range {} to {}"), m[1].str(), m[2].str(), m[3].str(), m[4].str());
  if (std::regex_match(what, m, could_not_convert)) return f(_("Could not convert: {} = {}"), m[1].str(), m[2].str());
  if (std::regex_match(what, m, not_member)) return f(_("{}: {} not in {{{}}}"), m[1].str(), m[2].str(), m[3].str());
  return what;
}

std::string usage_error_text(const CLI::App& app, const CLI::ParseError& e) {
  const std::string help = std::string(_("Run 'honorar --help' for usage.")) + "\n";
  const std::optional<std::string> word = unknown_command(app);
  if (!word) return fmt::format("honorar: {}\n", parse_error_message(e)) + help;
  const std::vector<std::string> names = command_names(app);
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  if (auto match = books::closest_match(*word, candidates))
    return fmt::format(fmt::runtime(_("honorar: unknown command '{}'; did you mean '{}'?\n")), *word, *match);
  return fmt::format(fmt::runtime(_("honorar: unknown command '{}'\n")), *word) + help;
}

} // namespace cli
