#include "render/xml_writer.hpp"

#include <stdexcept>

namespace render {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
      out += c;
    }
  }
  return out;
}

XmlWriter::XmlWriter() : m_out("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") {}

void XmlWriter::start_tag(std::string_view name, const Attributes& attributes) {
  m_out.append(2 * m_open.size(), ' ');
  m_out += '<';
  m_out += name;
  for (const auto& [key, value] : attributes) {
    m_out += ' ';
    m_out += key;
    m_out += "=\"";
    m_out += xml_escape(value);
    m_out += '"';
  }
  m_out += '>';
}

void XmlWriter::open(std::string_view name, const Attributes& attributes) {
  start_tag(name, attributes);
  m_out += '\n';
  m_open.emplace_back(name);
}

void XmlWriter::close() {
  if (m_open.empty()) throw std::logic_error("XmlWriter::close without an open element");
  const std::string name = std::move(m_open.back());
  m_open.pop_back();
  m_out.append(2 * m_open.size(), ' ');
  m_out += "</" + name + ">\n";
}

void XmlWriter::leaf(std::string_view name, std::string_view text, const Attributes& attributes) {
  start_tag(name, attributes);
  m_out += xml_escape(text);
  m_out += "</";
  m_out += name;
  m_out += ">\n";
}

void XmlWriter::optional_leaf(std::string_view name, std::string_view text, const Attributes& attributes) {
  if (text.find_first_not_of(" \t\n\r") != std::string_view::npos) leaf(name, text, attributes);
}

std::string XmlWriter::finish() {
  if (!m_open.empty()) throw std::logic_error("XmlWriter::finish with an element still open: " + m_open.back());
  return std::move(m_out);
}

} // namespace render
