#pragma once
// A small XML writer for generated documents (the e-invoice): UTF-8, two-space indentation,
// elements with text or with children, never mixed content. Deterministic: the same calls give
// the same bytes. Text and attribute values are escaped; characters XML 1.0 forbids are dropped.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace render {

// "&amp;" "&lt;" "&gt;" "&quot;" "&apos;" for & < > " '; control characters other than tab,
// line feed and carriage return are left out (XML 1.0 cannot carry them).
std::string xml_escape(std::string_view text);

class XmlWriter {
public:
  using Attributes = std::vector<std::pair<std::string_view, std::string_view>>;

  // Starts the document with the XML declaration.
  XmlWriter();

  // <name attr="v">, then the children indented one level deeper.
  void open(std::string_view name, const Attributes& attributes = {});
  // </name> of the innermost open element.
  void close();
  // <name attr="v">text</name> on one line.
  void leaf(std::string_view name, std::string_view text, const Attributes& attributes = {});
  // leaf() unless text is empty or blank: Peppol forbids empty elements (PEPPOL-EN16931-R008).
  void optional_leaf(std::string_view name, std::string_view text, const Attributes& attributes = {});

  // The document; every element must be closed.
  std::string finish();

private:
  void start_tag(std::string_view name, const Attributes& attributes);

  std::string m_out;
  std::vector<std::string> m_open;
};

} // namespace render
