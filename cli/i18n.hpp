#pragma once
// The CLI's messages in the user's language (gettext, text domain "honorar"): English in the
// sources, Danish in po/da.po. Nothing is set up until the first message is translated, so a
// command that prints only data (`notice`) does no locale or catalogue work at all.
//
//   _("text")                 the translation of a message
//   P_("one", "many", n)      the singular or plural form for n
//   N_("text")                marks a message for xgettext only; translate it later with _()
//
// Format strings go through fmt::runtime: fmt::format(fmt::runtime(_("no contract '{}'")), id).
// The catalogue is looked up in $HONORAR_LOCALEDIR, else <the binary's folder>/../share/locale
// (an installed or unpacked tree, and the build tree), else the configured install prefix's.

#include <string>

namespace cli {

const char* _(const char* msgid);
const char* P_(const char* singular, const char* plural, unsigned long n);
constexpr const char* N_(const char* msgid) { return msgid; }

} // namespace cli
