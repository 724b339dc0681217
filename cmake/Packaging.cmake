# CPack: a Debian package of what `cmake --install` installs (the binary, the manual pages,
# the shell completions, the Danish messages), for Debian 12.
#   cmake --build build/ci && (cd build/ci && cpack -G DEB)   ->  build/ci/honorar_0.1.0_amd64.deb
# Its Depends are the runtime packages of the shared libraries the binary links, found by
# dpkg-shlibdeps (Debian dpkg-dev), plus those it loads at run time and the PDF font.
set(CPACK_PACKAGE_NAME "honorar")
set(CPACK_PACKAGE_VENDOR "honorar")
set(CPACK_PACKAGE_CONTACT "honorar maintainers <honorar@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB")
set(CPACK_SOURCE_GENERATOR "")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)   # honorar_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Billing and contracts for Danish social-pedagogical support providers\n"
  "honorar reads a provider's contracts and time logs (TOML and CSV) and issues the\n"
  "monthly invoices and credit notes exactly once, with gapless numbers, as text,\n"
  "JSON, PDF and Peppol e-invoices; it reports hours, computes notice end dates and\n"
  "lists the deadlines of status reports and action plans.")
# Shared libraries: dpkg-shlibdeps turns the binary's NEEDED entries into package dependencies
# (only libc6: fmt and toml++ are compiled in, libstdc++, libgcc and SQLite linked statically,
# for start-up time, cmake/Dependencies.cmake). Pango and cairo are
# not among them: the PDF renderer loads libpangocairo-1.0.so.0 with dlopen on first use
# (lib/render/pdf_libs.cpp), so they are named here, with the font the PDFs are set in; so is
# libcurl4, which `send` loads the same way (lib/delivery/curl_api.cpp).
set(honorar_deb_runtime_depends
  "libpangocairo-1.0-0 (>= 1.50), libpango-1.0-0 (>= 1.50), libcairo2 (>= 1.16), libcurl4 (>= 7.85), fonts-dejavu-core")
find_program(HONORAR_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(HONORAR_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "${honorar_deb_runtime_depends}")
else()
  # Without dpkg-dev: what dpkg-shlibdeps gives on Debian 12.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.34), ${honorar_deb_runtime_depends}")
endif()
include(CPack)
