# One INTERFACE target carries the project's warning flags; every target links it.
option(HONORAR_WERROR "Treat warnings in honorar's own code as errors (the ci and asan presets)" OFF)
add_library(honorar_warnings INTERFACE)
target_compile_options(honorar_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor)
# Third-party headers are system includes (imported targets, honorar_toml), so they never fail it.
if(HONORAR_WERROR)
  target_compile_options(honorar_warnings INTERFACE -Werror)
endif()
target_compile_definitions(honorar_warnings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
