# One INTERFACE target carries the project's warning flags; every target links it.
add_library(honorar_warnings INTERFACE)
target_compile_options(honorar_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor)
target_compile_definitions(honorar_warnings INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
