#pragma once
// Internal to calendar/: the small shared grammar of notice rules and payment terms
// ("løbende måned + 1", "30 dage"). Not part of the module's interface.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace calendar::detail {

enum class TokenKind { word, number, symbol };

struct Token {
  TokenKind kind;
  std::string text; // words are case-folded (ASCII and Latin-1 letters such as Æ Ø Å)
};

// Splits a rule into words, digit runs and single symbol characters. Whitespace (ASCII or
// no-break space) separates tokens but is otherwise free; a digit run and a word need
// none between them ("14dage"), two words do.
//
// Then reads the words contracts are written in as their plain forms, so that each parser
// sees one spelling of a rule: "plus" is the symbol '+'; a Danish number word ("en", "én",
// "et", "to" ... "tolv") is its number; the abbreviations "lb." and "md." (the dot
// optional) are "løbende" and "måned", and "mdr." is "måneder".
std::vector<Token> tokenize_rule(std::string_view text);

// The N of a rule: a run of digits worth 0..120.
std::optional<int> rule_count(const Token& token);

bool is_word(const Token& token, std::string_view folded);
bool is_symbol(const Token& token, char symbol);

} // namespace calendar::detail
