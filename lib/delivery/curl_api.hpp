#pragma once
// libcurl, loaded with dlopen the first time a mail is sent (lib/render/pdf_libs.cpp does the same
// for pango/cairo). Linked the usual way, libcurl and its ~25 dependencies (OpenSSL, nghttp2,
// libssh2, LDAP, Kerberos, ...) would be mapped and relocated at every start of honorar, which
// `honorar notice` must not pay for (bench/README.md). Only `send` loads it.

#include <curl/curl.h>

namespace delivery {

// The libcurl functions honorar calls, resolved from libcurl.so.4 (Debian: libcurl4, OpenSSL).
struct CurlApi {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  void (*easy_cleanup)(CURL*);
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  CURLcode (*easy_perform)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  curl_mime* (*mime_init)(CURL*);
  void (*mime_free)(curl_mime*);
  curl_mimepart* (*mime_addpart)(curl_mime*);
  CURLcode (*mime_data)(curl_mimepart*, const char*, size_t);
  CURLcode (*mime_type)(curl_mimepart*, const char*);
  CURLcode (*mime_encoder)(curl_mimepart*, const char*);
  CURLcode (*mime_filename)(curl_mimepart*, const char*);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
};

// Loads libcurl once (and runs curl_global_init). Throws diag::Error (unavailable, exit 69)
// naming the Debian package when it cannot be loaded.
const CurlApi& curl_api();

} // namespace delivery
