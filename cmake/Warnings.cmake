# losant_eu_warnings(target): the project's warning flags, as errors when LOSANT_EU_WERROR is on.
function(losant_eu_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Woverloaded-virtual
                                           -Wnull-dereference -Wimplicit-fallthrough)
  if(LOSANT_EU_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
