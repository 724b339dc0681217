#pragma once
// UTF-8 text: validation, counting and walking code points, encoding one.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace util {

// The offset of the first byte that does not belong to valid UTF-8 -- an invalid, overlong or
// truncated sequence, a surrogate, anything above U+10FFFF -- or npos. (NUL is valid UTF-8.)
std::size_t first_invalid_utf8(std::string_view text);
inline bool is_valid_utf8(std::string_view text) { return first_invalid_utf8(text) == std::string_view::npos; }

// The number of code points in UTF-8 text (the bytes that are not continuation bytes).
std::size_t codepoints(std::string_view text);

// The length in bytes of the UTF-8 sequence that starts with `lead` (1 for ASCII and for a
// byte that cannot start a sequence).
inline std::size_t sequence_length(unsigned char lead) {
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

// Case folding for the words honorar reads (rules, status names): ASCII letters and the
// Latin-1 capitals U+00C0..U+00DE but × (Æ Ø Å É among them) lowercased, nothing else. Both
// forms have the same length in UTF-8, so the folding is per byte: the folded byte `i` of
// `text` (a continuation byte is folded after its lead byte 0xC3).
char folded_byte(std::string_view text, std::size_t i);
// Whether `a` and `b` are equal after folding; no allocation.
bool equal_folded(std::string_view a, std::string_view b);

// Appends the UTF-8 form of code point `cp` (at most U+10FFFF, no surrogate) to `out`.
void append_utf8(std::string& out, std::uint32_t cp);

} // namespace util
