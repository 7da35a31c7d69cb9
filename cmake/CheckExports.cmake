# ctest shared_exports: fails when the shared library exports anything but the public API.
#   cmake -DLIBRARY=path/to/liblosant-experience-users.so -DINCLUDE_DIR=include -DNM=nm
#         -P CheckExports.cmake
# Allowed, from `nm -DC --defined-only`: linker-made symbols (_init, _fini, _edata, ...); names
# in losant::experience_users:: (functions, and the typeinfo and vtables of its types) whose
# first name after the namespace (the class or the function) is declared in a public header;
# never a name with `internal`, an anonymous namespace, nlohmann or simdjson, or the
# private implementation types (Impl, State).
execute_process(COMMAND ${NM} -DC --defined-only ${LIBRARY}
                OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}")
endif()

file(GLOB_RECURSE headers ${INCLUDE_DIR}/*.hpp)
set(public_text "")
foreach(header IN LISTS headers)
  file(READ ${header} text)
  string(APPEND public_text "${text}")
endforeach()

set(ns "losant::experience_users::")
string(REPLACE "\n" ";" lines "${symbols}")
set(bad "")
set(count 0)
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  # "<address> <type> <name>"
  string(REGEX REPLACE "^[0-9a-fA-F]* *[A-Za-z] " "" name "${line}")
  if(name MATCHES "^(_init|_fini|_edata|_end|__bss_start)$")
    continue()
  endif()
  math(EXPR count "${count} + 1")
  string(REGEX REPLACE "^(typeinfo name for|typeinfo for|vtable for|VTT for) " "" entity "${name}")
  string(FIND "${entity}" "${ns}" at)
  if(NOT at EQUAL 0)
    list(APPEND bad "outside ${ns}: ${name}")
    continue()
  endif()
  if(name MATCHES "internal::|anonymous namespace|nlohmann|simdjson"
     OR name MATCHES "::(Impl|State)(::|$| )")
    list(APPEND bad "private: ${name}")
    continue()
  endif()
  # The first component after the namespace: a class or a function name (operators included).
  string(LENGTH "${ns}" ns_length)
  string(SUBSTRING "${entity}" ${ns_length} -1 rest)
  string(REGEX MATCH "^(operator[^(]+|[A-Za-z_][A-Za-z0-9_]*)" first "${rest}")
  string(REGEX REPLACE "\\[abi:cxx11\\]$" "" first "${first}")
  string(FIND "${public_text}" "${first}" declared)
  if(first STREQUAL "" OR declared EQUAL -1)
    list(APPEND bad "not declared in a public header (${first}): ${name}")
  endif()
endforeach()

list(LENGTH bad bad_count)
if(bad_count GREATER 0)
  list(JOIN bad "\n  " report)
  message(FATAL_ERROR "${LIBRARY} exports ${bad_count} symbol(s) outside the public API:\n  ${report}")
endif()
if(count EQUAL 0)
  message(FATAL_ERROR "${LIBRARY} exports nothing: is it the SDK's shared library?")
endif()
message(STATUS "${LIBRARY}: ${count} exported symbols, all in the public API")
