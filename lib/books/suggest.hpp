#pragma once
// "Did you mean" hints for misspelt keys and values.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace books {

// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo
// (distance <= 2, and less than half the word's length).
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

} // namespace books
