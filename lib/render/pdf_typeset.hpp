#pragma once
// Typesetting for the pdf format: text set by pango in DejaVu Sans, measured, then drawn by cairo.
// Internal to render/pdf.cpp.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace render::pdf {

struct Color {
  double r, g, b;
};

struct Style {
  double size; // points
  bool bold = false;
  Color color{0.12, 0.12, 0.13};
};

// A piece of set text, drawn with its top left corner at (x, y). Its Typesetter owns the layout.
struct Text {
  PangoLayout* layout = nullptr;
  Color color{0, 0, 0};
  double width = 0, height = 0;

  void draw(cairo_t* cr, double x, double y) const;
};

// Sets text for one cairo context. A text set twice alike (a rate, a week's hours) is set once.
// It uses its thread's font map: a Typesetter belongs to the thread that made it.
class Typesetter {
public:
  explicit Typesetter(cairo_t* cr);
  ~Typesetter();
  Typesetter(const Typesetter&) = delete;
  Typesetter& operator=(const Typesetter&) = delete;

  // Text wider than `box` (> 0) wraps at that width, aligned within it; text that fits keeps its
  // own width and is aligned by whoever draws it. `markup` is pango markup.
  Text set(const std::string& text, const Style& style, double box = 0, PangoAlignment align = PANGO_ALIGN_LEFT,
           bool markup = false);

private:
  struct Unref {
    void operator()(void* p) const { g_object_unref(p); }
  };
  std::unique_ptr<PangoContext, Unref> m_context;
  std::vector<std::unique_ptr<PangoLayout, Unref>> m_layouts;
  std::unordered_map<std::string, Text> m_set;
};

// Escapes text for pango markup.
std::string escape_markup(const std::string& text);

void fill_rect(cairo_t* cr, double x, double y, double w, double h, Color c);
void hline(cairo_t* cr, double x0, double x1, double y, double width, Color c);

} // namespace render::pdf
