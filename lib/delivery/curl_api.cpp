#include "delivery/curl_api.hpp"

#include "diag/diagnostic.hpp"

#include <dlfcn.h>

#include <string>

namespace delivery {
namespace {

[[noreturn]] void unavailable(const std::string& why) {
  throw diag::Error(diag::ErrorKind::unavailable,
                    "cannot send e-mail: libcurl.so.4 cannot be loaded (apt-get install libcurl4): " + why);
}

template <class F> void resolve(void* handle, F& fn, const char* name) {
  void* p = ::dlsym(handle, name);
  if (!p) unavailable(std::string("it lacks ") + name + " (libcurl 7.56 or later is needed)");
  fn = reinterpret_cast<F>(p);
}

CurlApi load() {
  void* h = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char* why = ::dlerror();
    unavailable(why ? why : "dlopen failed");
  }
  CurlApi api{};
  resolve(h, api.global_init, "curl_global_init");
  resolve(h, api.easy_init, "curl_easy_init");
  resolve(h, api.easy_cleanup, "curl_easy_cleanup");
  resolve(h, api.easy_setopt, "curl_easy_setopt");
  resolve(h, api.easy_getinfo, "curl_easy_getinfo");
  resolve(h, api.easy_perform, "curl_easy_perform");
  resolve(h, api.easy_strerror, "curl_easy_strerror");
  resolve(h, api.mime_init, "curl_mime_init");
  resolve(h, api.mime_free, "curl_mime_free");
  resolve(h, api.mime_addpart, "curl_mime_addpart");
  resolve(h, api.mime_data, "curl_mime_data");
  resolve(h, api.mime_type, "curl_mime_type");
  resolve(h, api.mime_encoder, "curl_mime_encoder");
  resolve(h, api.mime_filename, "curl_mime_filename");
  resolve(h, api.slist_append, "curl_slist_append");
  resolve(h, api.slist_free_all, "curl_slist_free_all");
  if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) unavailable("curl_global_init failed");
  return api;
}

} // namespace

const CurlApi& curl_api() {
  static const CurlApi api = load();
  return api;
}

} // namespace delivery
