# Debian packages only: find_package, never a download.
find_package(fmt REQUIRED)              # libfmt-dev
find_package(CLI11 REQUIRED)            # libcli11-dev
find_package(date REQUIRED)             # libhowardhinnant-date-dev (header-only parts)
find_package(tomlplusplus REQUIRED)     # libtomlplusplus-dev
find_package(nlohmann_json REQUIRED)    # nlohmann-json3-dev: stored documents are parsed back
find_package(SQLite3 REQUIRED)          # libsqlite3-dev: the invoice register
if(HONORAR_TESTS)
  find_package(doctest REQUIRED)        # doctest-dev
endif()
