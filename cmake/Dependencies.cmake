# Debian packages only: find_package, never a download.
find_package(fmt REQUIRED)              # libfmt-dev
find_package(CLI11 REQUIRED)            # libcli11-dev
find_package(date REQUIRED)             # libhowardhinnant-date-dev (header-only parts)
find_package(tomlplusplus REQUIRED)     # libtomlplusplus-dev
find_package(nlohmann_json REQUIRED)    # nlohmann-json3-dev: stored documents are parsed back
find_package(SQLite3 REQUIRED)          # libsqlite3-dev: the invoice register
find_package(Threads REQUIRED)          # the loader parses files on a few threads
# A lean start-up (bench/README.md): fmt and toml++ compiled in (header-only: no libfmt.so or
# libtomlplusplus.so, hence no libstdc++.so either, see cli/CMakeLists.txt), SQLite linked
# statically when libsqlite3.a is there. toml++ header-only also allows TOML_FLOAT_CHARCONV.
get_target_property(honorar_toml_includes tomlplusplus::tomlplusplus INTERFACE_INCLUDE_DIRECTORIES)
add_library(honorar_toml INTERFACE)
target_include_directories(honorar_toml SYSTEM INTERFACE ${honorar_toml_includes})
target_compile_definitions(honorar_toml INTERFACE TOML_HEADER_ONLY=1 TOML_FLOAT_CHARCONV=1)
find_library(HONORAR_SQLITE3_STATIC NAMES libsqlite3.a)
if(HONORAR_SQLITE3_STATIC)
  add_library(honorar_sqlite3 INTERFACE)
  target_include_directories(honorar_sqlite3 INTERFACE ${SQLite3_INCLUDE_DIRS})
  target_link_libraries(honorar_sqlite3 INTERFACE ${HONORAR_SQLITE3_STATIC} Threads::Threads ${CMAKE_DL_LIBS} m)
else()
  add_library(honorar_sqlite3 ALIAS SQLite::SQLite3)
endif()
find_package(PkgConfig REQUIRED)        # pkg-config: for the C libraries below
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf)  # libpango1.0-dev libcairo2-dev: PDF documents
# libcurl4-openssl-dev: SMTP with STARTTLS/TLS and MIME for `send` (lib/delivery). Headers only:
# libcurl.so.4 is loaded with dlopen when the first mail is sent (lib/delivery/curl_api.cpp), so
# that its ~25 dependencies do not slow every start of honorar. 7.85: CURLOPT_PROTOCOLS_STR.
pkg_check_modules(CURL REQUIRED libcurl>=7.85)
if(HONORAR_TESTS)
  find_package(doctest REQUIRED)        # doctest-dev
endif()
