# Debian packages made by CPack: `cpack -G DEB` in a configured build tree (configure with
# -DCMAKE_INSTALL_PREFIX=/usr so the libraries land in Debian's multiarch directory). One package
# per install component (docs/packaging.md):
#   runtime -> liblosant-experience-users<SOVERSION>  the shared library (shared builds only)
#   dev     -> liblosant-experience-users-dev         headers, CMake package, pkg-config file, and
#                                                     the .so link or the static library
#   tools   -> losant-experience-users-tools          the CLI and the emulator program
# A static-only build has nothing to load at run time, so it makes no runtime package: -dev holds
# the static library and the tools are linked statically.
if(NOT PROJECT_IS_TOP_LEVEL)
  return()
endif()

set(LOSANT_EU_DEB_RUNTIME liblosant-experience-users${PROJECT_VERSION_MAJOR})
set(LOSANT_EU_DEB_DEV liblosant-experience-users-dev)
set(LOSANT_EU_DEB_TOOLS losant-experience-users-tools)

# Debian wants a copyright file and a compressed changelog in every package's doc directory.
find_program(LOSANT_EU_GZIP gzip)
set(losant_eu_changelog ${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz)
if(LOSANT_EU_GZIP)
  string(TIMESTAMP losant_eu_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
  file(WRITE ${PROJECT_BINARY_DIR}/packaging/changelog.Debian
    "losant-experience-users (${PROJECT_VERSION}-1) unstable; urgency=medium\n\n"
    "  * Built by CPack from the project's tree; see CHANGELOG.md in the sources.\n\n"
    " -- Losant Experience Users C++ SDK authors <sdk@example.invalid>  ${losant_eu_date}\n")
  execute_process(COMMAND ${LOSANT_EU_GZIP} -9nf ${PROJECT_BINARY_DIR}/packaging/changelog.Debian)
endif()
set(losant_eu_deb_components dev tools)
if(BUILD_SHARED_LIBS)
  list(PREPEND losant_eu_deb_components runtime)
endif()
foreach(component IN LISTS losant_eu_deb_components)
  string(TOUPPER ${component} upper)
  set(package ${LOSANT_EU_DEB_${upper}})
  install(FILES ${PROJECT_SOURCE_DIR}/cmake/debian-copyright RENAME copyright
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package} COMPONENT ${component}
          EXCLUDE_FROM_ALL)
  if(EXISTS ${losant_eu_changelog})
    install(FILES ${losant_eu_changelog} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package}
            COMPONENT ${component} EXCLUDE_FROM_ALL)
  endif()
endforeach()

set(CPACK_PACKAGE_NAME losant-experience-users)
set(CPACK_PACKAGE_VENDOR "The Losant Experience Users C++ SDK authors")
set(CPACK_PACKAGE_CONTACT "Losant Experience Users C++ SDK authors <sdk@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_COMPONENTS_ALL ${losant_eu_deb_components})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # dpkg-shlibdeps (dpkg-dev): Depends on Debian's libcurl4 ...
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME ${LOSANT_EU_DEB_RUNTIME})
set(CPACK_DEBIAN_DEV_PACKAGE_NAME ${LOSANT_EU_DEB_DEV})
set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME ${LOSANT_EU_DEB_TOOLS})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
  "C++ client SDK for the Losant Experience Users API - shared library\n"
  "A C++17 client for the Experience Users API of the Losant IoT platform: list,\n"
  "create, read, update and delete the end users of an application's experiences,\n"
  "with typed models, client-side validation, safe retries and a lazy range over\n"
  "every user. This package holds the shared library.")
set(CPACK_COMPONENT_DEV_DESCRIPTION
  "C++ client SDK for the Losant Experience Users API - development files\n"
  "A C++17 client for the Experience Users API of the Losant IoT platform. This\n"
  "package holds the headers, the library to link, the CMake package\n"
  "(find_package(LosantExperienceUsers)) and the pkg-config file, and the\n"
  "emulator library for an application's own tests.")
set(CPACK_COMPONENT_TOOLS_DESCRIPTION
  "Command-line tool and API emulator for Losant Experience Users\n"
  "losant-experience-users lists, exports, imports, creates, updates and deletes\n"
  "the experience users of a Losant application from a shell; losant-emulator\n"
  "serves the Experience Users API on loopback for tests and demos.")
string(REPLACE ";" "" CPACK_COMPONENT_RUNTIME_DESCRIPTION "${CPACK_COMPONENT_RUNTIME_DESCRIPTION}")
string(REPLACE ";" "" CPACK_COMPONENT_DEV_DESCRIPTION "${CPACK_COMPONENT_DEV_DESCRIPTION}")
string(REPLACE ";" "" CPACK_COMPONENT_TOOLS_DESCRIPTION "${CPACK_COMPONENT_TOOLS_DESCRIPTION}")
# What a consumer of -dev needs from Debian to build: the CMake package finds libcurl and
# simdjson (a static library links them); the emulator component needs cpp-httplib and OpenSSL.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libcurl4-openssl-dev | libcurl-dev, libsimdjson-dev, pkg-config")
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS "libcpp-httplib-dev, libssl-dev")
if(BUILD_SHARED_LIBS)
  # -dev and -tools depend on the runtime package of the same version; dpkg-shlibdeps finds the
  # tools' liblosant-experience-users.so.0 in the build tree (it is in no installed package).
  set(CPACK_COMPONENT_DEV_DEPENDS runtime)
  set(CPACK_COMPONENT_TOOLS_DEPENDS runtime)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/src)
  # The runtime package's shlibs file (what a package linking the library depends on) and the
  # ldconfig trigger, as Debian's library packages have them (CPack's own GENERATE_SHLIBS calls
  # ldconfig from maintainer scripts instead, which lintian flags).
  file(WRITE ${PROJECT_BINARY_DIR}/packaging/runtime/shlibs
    "liblosant-experience-users ${PROJECT_VERSION_MAJOR} "
    "${LOSANT_EU_DEB_RUNTIME} (>= ${PROJECT_VERSION})\n")
  file(WRITE ${PROJECT_BINARY_DIR}/packaging/runtime/triggers "activate-noawait ldconfig\n")
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
      ${PROJECT_BINARY_DIR}/packaging/runtime/shlibs ${PROJECT_BINARY_DIR}/packaging/runtime/triggers)
  set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()
include(CPack)
