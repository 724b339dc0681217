#pragma once
// Plain binary reading and writing for this build's cache files (native byte order, no
// versioning beyond what the caller writes): values of trivially copyable types, arrays of them,
// and length-prefixed text (u32 length, bytes). Used by the books cache and the register summary.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace util {

// Appends to a string.
class BinaryOut {
public:
  explicit BinaryOut(std::string& s) : m_s(s) {}
  template <class T> void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    m_s.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T> void array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    m_s.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void text(std::string_view t) {
    put(static_cast<std::uint32_t>(t.size()));
    m_s.append(t);
  }

private:
  std::string& m_s;
};

// Reads from a view; every read returns false (and reads nothing) when too few bytes are left.
class BinaryIn {
public:
  explicit BinaryIn(std::string_view s) : m_p(s.data()), m_end(s.data() + s.size()) {}
  template <class T> bool get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (static_cast<std::size_t>(m_end - m_p) < sizeof v) return false;
    std::memcpy(&v, m_p, sizeof v);
    m_p += sizeof v;
    return true;
  }
  template <class T> bool array(std::vector<T>& v, std::size_t n) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (static_cast<std::size_t>(m_end - m_p) / sizeof(T) < n) return false;
    v.resize(n);
    std::memcpy(v.data(), m_p, n * sizeof(T));
    m_p += n * sizeof(T);
    return true;
  }
  bool bytes(std::size_t n, std::string_view& out) {
    if (static_cast<std::size_t>(m_end - m_p) < n) return false;
    out = std::string_view(m_p, n);
    m_p += n;
    return true;
  }
  bool text(std::string_view& out) {
    std::uint32_t n = 0;
    return get(n) && bytes(n, out);
  }
  bool at_end() const { return m_p == m_end; }

private:
  const char* m_p;
  const char* m_end;
};

} // namespace util
