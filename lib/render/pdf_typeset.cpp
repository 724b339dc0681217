#include "render/pdf_typeset.hpp"

#include <fmt/format.h>

namespace render::pdf {
namespace {

// One font map per thread (Pango's objects may not be shared between threads; fontconfig, cairo
// and HarfBuzz below them may), kept while the thread lives so that fonts stay loaded: a run
// renders its PDFs on a few threads (invoicing/files.cpp).
PangoFontMap* font_map() {
  struct Map {
    PangoFontMap* map = pango_cairo_font_map_new();
    ~Map() { g_object_unref(map); }
  };
  thread_local Map m;
  return m.map;
}

} // namespace

void Text::draw(cairo_t* cr, double x, double y) const {
  if (!layout) return;
  cairo_set_source_rgb(cr, color.r, color.g, color.b);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

Typesetter::Typesetter(cairo_t* cr) : m_context(pango_font_map_create_context(font_map())) {
  // Outlines as the font draws them, at the positions it gives: no hinting, no rounding to a
  // device grid that a PDF does not have.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(m_context.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(m_context.get(), FALSE);
  // Danish whatever the user's locale: the language steers line breaking and the choice of font.
  pango_context_set_language(m_context.get(), pango_language_from_string("da-dk"));
  pango_cairo_update_context(cr, m_context.get());
}

Typesetter::~Typesetter() = default;

Text Typesetter::set(const std::string& text, const Style& style, double box, PangoAlignment align, bool markup) {
  const std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", style.size, style.bold, style.color.r, style.color.g,
                                      style.color.b, box, static_cast<int>(align), markup, text);
  if (auto it = m_set.find(key); it != m_set.end()) return it->second;
  Text t;
  t.color = style.color;
  t.layout = pango_layout_new(m_context.get());
  m_layouts.emplace_back(t.layout);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, "DejaVu Sans");
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_layout_set_font_description(t.layout, font);
  pango_font_description_free(font);
  pango_layout_set_spacing(t.layout, static_cast<int>(style.size * 0.22 * PANGO_SCALE));
  if (markup) pango_layout_set_markup(t.layout, text.c_str(), static_cast<int>(text.size()));
  else pango_layout_set_text(t.layout, text.c_str(), static_cast<int>(text.size()));
  PangoRectangle logical;
  pango_layout_get_extents(t.layout, nullptr, &logical);
  // Wrapping costs pango far more than setting one line, so only text too wide for its box wraps.
  if (box > 0 && logical.width > static_cast<int>(box * PANGO_SCALE)) {
    pango_layout_set_width(t.layout, static_cast<int>(box * PANGO_SCALE));
    pango_layout_set_wrap(t.layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(t.layout, align);
    pango_layout_get_extents(t.layout, nullptr, &logical);
    t.width = box;
  } else {
    t.width = static_cast<double>(logical.width) / PANGO_SCALE;
  }
  t.height = static_cast<double>(logical.height) / PANGO_SCALE;
  m_set.emplace(key, t);
  return t;
}

std::string escape_markup(const std::string& text) {
  gchar* e = g_markup_escape_text(text.c_str(), static_cast<gssize>(text.size()));
  std::string out(e);
  g_free(e);
  return out;
}

void fill_rect(cairo_t* cr, double x, double y, double w, double h, Color c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

void hline(cairo_t* cr, double x0, double x1, double y, double width, Color c) {
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  cairo_stroke(cr);
}

} // namespace render::pdf

#if defined(__SANITIZE_ADDRESS__)
// fontconfig keeps what it reads at start-up for the life of the process, and LeakSanitizer calls
// that a leak (once per process, whatever the number of documents): not ours to report.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
// ... and no statistics of the suppressions used on stderr, which the CLI tests check.
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif
