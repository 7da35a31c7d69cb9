# losant_eu_warnings(target): the project's warning flags for its compiler, as errors when
# LOSANT_EU_WERROR is on (the presets and scripts/test.sh; off by default for consumers).
set(LOSANT_EU_WARNINGS_GNU_CLANG -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
# GCC only: logic slips clang has no flag for.
set(LOSANT_EU_WARNINGS_GNU -Wlogical-op -Wduplicated-cond)
# Clang only: loops whose variable is never changed, range-for copies.
set(LOSANT_EU_WARNINGS_CLANG -Wloop-analysis)

function(losant_eu_warnings target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE ${LOSANT_EU_WARNINGS_GNU_CLANG}
                                             ${LOSANT_EU_WARNINGS_GNU})
  elseif(CMAKE_CXX_COMPILER_ID MATCHES "Clang")  # Clang and AppleClang
    target_compile_options(${target} PRIVATE ${LOSANT_EU_WARNINGS_GNU_CLANG}
                                             ${LOSANT_EU_WARNINGS_CLANG})
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-)
  endif()
  if(LOSANT_EU_WERROR)
    set_property(TARGET ${target} PROPERTY COMPILE_WARNING_AS_ERROR ON)  # CMake >= 3.24
    if(CMAKE_VERSION VERSION_LESS 3.24)
      if(MSVC)
        target_compile_options(${target} PRIVATE /WX)
      else()
        target_compile_options(${target} PRIVATE -Werror)
      endif()
    endif()
  endif()
endfunction()
