# HONORAR_ASAN=ON builds everything with ASan + UBSan; a report aborts the test that caused it.
add_library(honorar_sanitizers INTERFACE)
if(HONORAR_ASAN)
  target_compile_options(honorar_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(honorar_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
