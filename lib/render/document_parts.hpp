#pragma once
// Internal to render/: reading a canonical document's JSON with errors that name the key, and the
// parts every kind of document shares (seller, buyer, course). document.cpp and reminder.cpp.

#include "diag/diagnostic.hpp"
#include "render/document.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

namespace render {

// Reads one JSON object, naming the key path in its errors ("lines[2].amount").
class JsonReader {
public:
  JsonReader(const Json& j, std::string path) : m_json(j), m_path(std::move(path)) {
    if (!j.is_object()) fail("", "is not an object");
  }

  const Json& at(const char* key) const {
    static const Json null_json;
    auto it = m_json.find(key);
    return it == m_json.end() ? null_json : *it;
  }
  bool has(const char* key) const { return m_json.contains(key); }
  JsonReader object(const char* key) const { return JsonReader(at(key), name(key)); }

  // A string; "" for null or a missing key.
  std::string text(const char* key) const {
    const Json& v = at(key);
    if (v.is_null()) return {};
    if (!v.is_string()) fail(key, "is not a string");
    return v.get<std::string>();
  }
  std::vector<std::string> lines(const char* key) const {
    std::vector<std::string> out;
    const Json& v = at(key);
    if (v.is_null()) return out;
    if (!v.is_array()) fail(key, "is not a list of strings");
    for (const Json& s : v) {
      if (!s.is_string()) fail(key, "is not a list of strings");
      out.push_back(s.get<std::string>());
    }
    return out;
  }
  std::optional<std::int64_t> optional_integer(const char* key) const {
    const Json& v = at(key);
    if (v.is_null()) return std::nullopt;
    if (!v.is_number_integer()) fail(key, "is not a whole number");
    return v.get<std::int64_t>();
  }
  calendar::Date date(const char* key) const {
    auto d = calendar::parse_date(text(key));
    if (!d) fail(key, "is not a date (YYYY-MM-DD)");
    return *d;
  }
  calendar::Month month(const char* key) const {
    auto m = calendar::parse_month(text(key));
    if (!m) fail(key, "is not a month (YYYY-MM)");
    return *m;
  }
  bool boolean(const char* key) const {
    const Json& v = at(key);
    if (!v.is_boolean()) fail(key, "is not true or false");
    return v.get<bool>();
  }
  calendar::IsoWeek week(const char* key) const {
    auto w = calendar::parse_iso_week(text(key));
    if (!w) fail(key, "is not an ISO week (YYYY-Www)");
    return *w;
  }
  template <class Fixed>
  Fixed decimal(const char* key) const {
    const std::string s = text(key);
    auto v = Fixed::parse(s);
    if (!v) fail(key, "'" + s + "' is not a decimal number");
    return *v;
  }

  [[noreturn]] void fail(const char* key, const std::string& what) const {
    throw diag::Error(diag::ErrorKind::data, fmt::format("document {}: {}", name(key), what));
  }

private:
  std::string name(const char* key) const {
    if (!*key) return m_path.empty() ? "JSON" : m_path;
    return m_path.empty() ? std::string(key) : m_path + "." + key;
  }
  const Json& m_json;
  std::string m_path;
};

// "seller", "buyer" and "course", in this order, as every document's JSON has them.
void put_parties(Json& j, const Seller& seller, const Buyer& buyer, const Course& course);
void read_parties(const JsonReader& r, Seller& seller, Buyer& buyer, Course& course);

} // namespace render
