// The pango, cairo and glib functions the PDF renderer calls (pdf.cpp, pdf_typeset.cpp), each
// loaded from libpangocairo and its dependencies the first time it is called.
//
// Why: linked the usual way, those libraries and their ~30 dependencies (glib, gobject,
// harfbuzz, fontconfig, freetype, pixman, ...) are mapped and relocated at every start of
// honorar -- about 6 ms, five times all else `honorar notice` does (bench/README.md). With these
// definitions in the binary, the executable is linked with --as-needed (cli/CMakeLists.txt) and
// records no dependency on them; only a run that renders a PDF loads them.
//
// A new pango/cairo/glib call in render/ needs one line below (the compiler checks it against
// the library's own declaration). Without it the program still links and works, but start-up
// loads the whole stack again; bench/run reports that as a failure.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "diag/diagnostic.hpp"

#include <dlfcn.h>

#include <string>

namespace {

// Not installed (or not loadable) is a fact of the machine, not a bug: exit 69 (unavailable)
// with the Debian package that provides the library, never "internal error".
void* pangocairo() {
  static void* const handle = [] {
    void* h = ::dlopen("libpangocairo-1.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      const char* why = ::dlerror();
      throw diag::Error(diag::ErrorKind::unavailable,
                        std::string("cannot write PDF documents: libpangocairo-1.0.so.0 cannot be loaded "
                                    "(apt-get install libpangocairo-1.0-0): ") +
                            (why ? why : "dlopen failed"));
    }
    return h;
  }();
  return handle;
}

template <class F> F resolve(const char* name) {
  // dlsym on the handle searches libpangocairo and then its dependencies: pango, cairo, glib.
  void* p = ::dlsym(pangocairo(), name);
  if (!p)
    throw diag::Error(diag::ErrorKind::unavailable,
                      std::string("cannot write PDF documents: the installed pango/cairo lack ") + name +
                          " (apt-get install libpangocairo-1.0-0 libcairo2, pango 1.50 or later)");
  return reinterpret_cast<F>(p);
}

} // namespace

// HONORAR_LAZY(return type, name, (parameters), (arguments))
#define HONORAR_LAZY(ret, name, params, args)                                       \
  extern "C" ret(name) params {                                                     \
    static const auto fn = resolve<ret(*) params>(#name);                           \
    return fn args;                                                                  \
  }

// cairo
HONORAR_LAZY(cairo_surface_t*, cairo_pdf_surface_create_for_stream,
             (cairo_write_func_t write_func, void* closure, double width, double height),
             (write_func, closure, width, height))
HONORAR_LAZY(void, cairo_pdf_surface_set_metadata, (cairo_surface_t * s, cairo_pdf_metadata_t m, const char* utf8),
             (s, m, utf8))
HONORAR_LAZY(cairo_t*, cairo_create, (cairo_surface_t * target), (target))
HONORAR_LAZY(void, cairo_destroy, (cairo_t * cr), (cr))
HONORAR_LAZY(void, cairo_show_page, (cairo_t * cr), (cr))
HONORAR_LAZY(cairo_status_t, cairo_status, (cairo_t * cr), (cr))
HONORAR_LAZY(void, cairo_surface_finish, (cairo_surface_t * s), (s))
HONORAR_LAZY(cairo_status_t, cairo_surface_status, (cairo_surface_t * s), (s))
HONORAR_LAZY(void, cairo_surface_destroy, (cairo_surface_t * s), (s))
HONORAR_LAZY(const char*, cairo_status_to_string, (cairo_status_t status), (status))
HONORAR_LAZY(void, cairo_set_source_rgb, (cairo_t * cr, double r, double g, double b), (cr, r, g, b))
HONORAR_LAZY(void, cairo_move_to, (cairo_t * cr, double x, double y), (cr, x, y))
HONORAR_LAZY(void, cairo_line_to, (cairo_t * cr, double x, double y), (cr, x, y))
HONORAR_LAZY(void, cairo_rectangle, (cairo_t * cr, double x, double y, double w, double h), (cr, x, y, w, h))
HONORAR_LAZY(void, cairo_fill, (cairo_t * cr), (cr))
HONORAR_LAZY(void, cairo_stroke, (cairo_t * cr), (cr))
HONORAR_LAZY(void, cairo_set_line_width, (cairo_t * cr, double width), (cr, width))
HONORAR_LAZY(cairo_font_options_t*, cairo_font_options_create, (void), ())
HONORAR_LAZY(void, cairo_font_options_destroy, (cairo_font_options_t * o), (o))
HONORAR_LAZY(void, cairo_font_options_set_hint_style, (cairo_font_options_t * o, cairo_hint_style_t s), (o, s))
HONORAR_LAZY(void, cairo_font_options_set_hint_metrics, (cairo_font_options_t * o, cairo_hint_metrics_t m), (o, m))

// pango and pango-cairo
HONORAR_LAZY(PangoFontMap*, pango_cairo_font_map_new, (void), ())
HONORAR_LAZY(void, pango_cairo_show_layout, (cairo_t * cr, PangoLayout* layout), (cr, layout))
HONORAR_LAZY(void, pango_cairo_update_context, (cairo_t * cr, PangoContext* context), (cr, context))
HONORAR_LAZY(void, pango_cairo_context_set_font_options, (PangoContext * context, const cairo_font_options_t* o),
             (context, o))
HONORAR_LAZY(PangoContext*, pango_font_map_create_context, (PangoFontMap * map), (map))
HONORAR_LAZY(void, pango_context_set_round_glyph_positions, (PangoContext * context, gboolean round), (context, round))
HONORAR_LAZY(void, pango_context_set_language, (PangoContext * context, PangoLanguage* language), (context, language))
HONORAR_LAZY(PangoLanguage*, pango_language_from_string, (const char* language), (language))
HONORAR_LAZY(PangoLayout*, pango_layout_new, (PangoContext * context), (context))
HONORAR_LAZY(void, pango_layout_set_font_description, (PangoLayout * layout, const PangoFontDescription* desc),
             (layout, desc))
HONORAR_LAZY(void, pango_layout_set_spacing, (PangoLayout * layout, int spacing), (layout, spacing))
HONORAR_LAZY(void, pango_layout_set_markup, (PangoLayout * layout, const char* markup, int length), (layout, markup, length))
HONORAR_LAZY(void, pango_layout_set_text, (PangoLayout * layout, const char* text, int length), (layout, text, length))
HONORAR_LAZY(void, pango_layout_get_extents, (PangoLayout * layout, PangoRectangle* ink, PangoRectangle* logical),
             (layout, ink, logical))
HONORAR_LAZY(void, pango_layout_set_width, (PangoLayout * layout, int width), (layout, width))
HONORAR_LAZY(void, pango_layout_set_wrap, (PangoLayout * layout, PangoWrapMode wrap), (layout, wrap))
HONORAR_LAZY(void, pango_layout_set_alignment, (PangoLayout * layout, PangoAlignment alignment), (layout, alignment))
HONORAR_LAZY(PangoFontDescription*, pango_font_description_new, (void), ())
HONORAR_LAZY(void, pango_font_description_free, (PangoFontDescription * desc), (desc))
HONORAR_LAZY(void, pango_font_description_set_family_static, (PangoFontDescription * desc, const char* family),
             (desc, family))
HONORAR_LAZY(void, pango_font_description_set_weight, (PangoFontDescription * desc, PangoWeight weight), (desc, weight))
HONORAR_LAZY(void, pango_font_description_set_absolute_size, (PangoFontDescription * desc, double size), (desc, size))

// glib and gobject
HONORAR_LAZY(gchar*, g_markup_escape_text, (const gchar* text, gssize length), (text, length))
HONORAR_LAZY(void, g_free, (gpointer mem), (mem))
HONORAR_LAZY(void, g_object_unref, (gpointer object), (object))
