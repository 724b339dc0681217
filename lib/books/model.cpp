#include "books/model.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>
#include <set>

namespace books {

const std::vector<std::string>& DocumentSettings::formats_for(PayerKind kind) const {
  return kind == PayerKind::municipality ? municipality : private_payer;
}

bool DocumentSettings::gets_einvoice(PayerKind kind) const {
  const auto& names = formats_for(kind);
  return std::find(names.begin(), names.end(), "xml") != names.end();
}

std::string_view DocumentSettings::key_of(PayerKind kind) {
  return kind == PayerKind::municipality ? "municipality" : "private";
}

const std::string* intern_path(std::string_view path) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> paths; // nodes never move
  const std::lock_guard lock(mutex);
  auto it = paths.find(path);
  if (it == paths.end()) it = paths.emplace(path).first;
  return &*it;
}

const char* TextArena::add(std::string_view staff, std::string_view note) {
  if (staff.empty() && note.empty()) return nullptr;
  constexpr std::size_t k_chunk = 64 * 1024;
  const std::size_t need = k_entry_text_header + staff.size() + note.size();
  if (need > m_left) {
    const std::size_t size = std::max(need, k_chunk);
    m_chunks.push_back(std::make_unique_for_overwrite<char[]>(size));
    m_free = m_chunks.back().get();
    m_left = size;
  }
  char* out = m_free;
  const auto staff_len = static_cast<std::uint32_t>(staff.size());
  const auto note_len = static_cast<std::uint32_t>(note.size());
  std::memcpy(out, &staff_len, 4);
  std::memcpy(out + 4, &note_len, 4);
  if (!staff.empty()) std::memcpy(out + k_entry_text_header, staff.data(), staff.size());
  if (!note.empty()) std::memcpy(out + k_entry_text_header + staff.size(), note.data(), note.size());
  m_free += need;
  m_left -= need;
  return out;
}

std::string_view Entry::staff() const {
  if (!text) return {};
  std::uint32_t staff_len = 0;
  std::memcpy(&staff_len, text, 4);
  return {text + k_entry_text_header, staff_len};
}

std::string_view Entry::note() const {
  if (!text) return {};
  std::uint32_t staff_len = 0, note_len = 0;
  std::memcpy(&staff_len, text, 4);
  std::memcpy(&note_len, text + 4, 4);
  return {text + k_entry_text_header + staff_len, note_len};
}

const std::string& SourceRef::path() const {
  static const std::string none;
  return file ? *file : none;
}

std::optional<Date> Contract::last_day() const {
  std::optional<Date> by_termination;
  // An agreed termination day replaces the notice rule, earlier or later than it.
  if (termination) by_termination = termination->end ? *termination->end : notice.end_for(termination->given);
  if (end && by_termination) return std::min(*end, *by_termination);
  return end ? end : by_termination;
}

const Terms& Contract::terms_on(Date d) const {
  // terms are sorted by `from` and the first starts on `start`.
  auto it = std::upper_bound(terms.begin(), terms.end(), d, [](Date day, const Terms& t) { return day < t.from; });
  return it == terms.begin() ? terms.front() : *(it - 1);
}

const Suspension* Contract::suspension_on(Date d) const {
  for (const Suspension& s : suspensions)
    if (s.from <= d && d <= s.to) return &s;
  return nullptr;
}

const Contract* Books::find_contract(std::string_view id) const {
  auto it = std::lower_bound(contracts.begin(), contracts.end(), id,
                             [](const Contract& c, std::string_view key) { return c.id < key; });
  return it != contracts.end() && it->id == id ? &*it : nullptr;
}

const Vat& Books::vat_of(const Contract& c) const { return c.vat ? *c.vat : settings.invoicing.vat; }

} // namespace books
