#include "calendar/rule_text.hpp"

#include "util/utf8.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <utility>

namespace calendar::detail {

namespace {

constexpr int k_max_count = 120;

// U+00A0 NO-BREAK SPACE: word processors put it in "30 dage" when text is pasted.
constexpr unsigned char k_nbsp_lead = 0xC2;
constexpr unsigned char k_nbsp_second = 0xA0;

unsigned char byte_at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]);
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_nbsp_at(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && byte_at(text, i) == k_nbsp_lead &&
         byte_at(text, i + 1) == k_nbsp_second;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Letters of any script count as word characters: non-ASCII bytes join words, so a
// word such as "måned" stays one token whatever its encoding looks like.
bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Danish number words up to twelve, the numbers contracts spell out ("én måned").
struct NumberWord {
  std::string_view word;
  std::string_view digits;
};
constexpr std::array<NumberWord, 14> k_number_words{{
    {"en", "1"}, {"én", "1"}, {"et", "1"}, {"to", "2"}, {"tre", "3"}, {"fire", "4"}, {"fem", "5"},
    {"seks", "6"}, {"syv", "7"}, {"otte", "8"}, {"ni", "9"}, {"ti", "10"}, {"elleve", "11"}, {"tolv", "12"},
}};

// Abbreviations and the word they stand for; a dot after them belongs to them.
struct Abbreviation {
  std::string_view word;
  std::string_view stands_for;
};
constexpr std::array<Abbreviation, 3> k_abbreviations{{
    {"lb", "løbende"},
    {"md", "måned"},
    {"mdr", "måneder"},
}};

// The synonyms of tokenize_rule, read as their plain forms.
std::vector<Token> plain_forms(std::vector<Token> tokens) {
  std::vector<Token> out;
  out.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Token& token = tokens[i];
    if (token.kind != TokenKind::word) {
      out.push_back(std::move(token));
      continue;
    }
    if (token.text == "plus") {
      out.push_back(Token{TokenKind::symbol, "+"});
      continue;
    }
    const auto number = std::find_if(k_number_words.begin(), k_number_words.end(),
                                      [&](const NumberWord& n) { return n.word == token.text; });
    if (number != k_number_words.end()) {
      out.push_back(Token{TokenKind::number, std::string(number->digits)});
      continue;
    }
    const auto abbreviation = std::find_if(k_abbreviations.begin(), k_abbreviations.end(),
                                           [&](const Abbreviation& a) { return a.word == token.text; });
    if (abbreviation != k_abbreviations.end()) {
      out.push_back(Token{TokenKind::word, std::string(abbreviation->stands_for)});
      if (i + 1 < tokens.size() && is_symbol(tokens[i + 1], '.')) {
        ++i;
      }
      continue;
    }
    out.push_back(std::move(token));
  }
  return out;
}

} // namespace

std::vector<Token> tokenize_rule(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_ascii_space(text[i])) {
      ++i;
    } else if (is_nbsp_at(text, i)) {
      i += 2;
    } else if (is_digit(text[i])) {
      Token token{TokenKind::number, {}};
      while (i < text.size() && is_digit(text[i])) {
        token.text += text[i++];
      }
      tokens.push_back(std::move(token));
    } else if (is_word_byte(byte_at(text, i))) {
      Token token{TokenKind::word, {}};
      while (i < text.size() && is_word_byte(byte_at(text, i)) && !is_nbsp_at(text, i)) {
        token.text += util::folded_byte(text, i++); // case-folded (util/utf8.hpp)
      }
      tokens.push_back(std::move(token));
    } else {
      tokens.push_back(Token{TokenKind::symbol, std::string(1, text[i])});
      ++i;
    }
  }
  return plain_forms(std::move(tokens));
}

std::optional<int> rule_count(const Token& token) {
  if (token.kind != TokenKind::number) {
    return std::nullopt;
  }
  int value = 0;
  const char* first = token.text.data();
  const char* last = first + token.text.size();
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc{} || end != last || value > k_max_count) {
    return std::nullopt;
  }
  return value;
}

bool is_word(const Token& token, std::string_view folded) {
  return token.kind == TokenKind::word && token.text == folded;
}

bool is_symbol(const Token& token, char symbol) {
  return token.kind == TokenKind::symbol && token.text.size() == 1 && token.text[0] == symbol;
}

} // namespace calendar::detail
