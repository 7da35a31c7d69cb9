# Install rules: headers, the library, the CMake package (config, version, exported targets)
# and a pkg-config file. Programs (CLI, emulator) add their own install(TARGETS) rules.
include(CMakePackageConfigHelpers)

set(LOSANT_EU_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/LosantExperienceUsers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/losant
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev FILES_MATCHING PATTERN "*.hpp"
        PATTERN testing EXCLUDE)  # installed with the emulator, below
install(FILES ${PROJECT_BINARY_DIR}/include/losant/experience_users/version.hpp
              ${PROJECT_BINARY_DIR}/include/losant/experience_users/export.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/losant/experience_users COMPONENT dev)
install(TARGETS losant_experience_users EXPORT LosantExperienceUsersTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT LosantExperienceUsersTargets NAMESPACE Losant::
        FILE LosantExperienceUsersTargets.cmake DESTINATION ${LOSANT_EU_CMAKE_DIR} COMPONENT dev)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/LosantExperienceUsersConfig.cmake.in
  ${PROJECT_BINARY_DIR}/LosantExperienceUsersConfig.cmake INSTALL_DESTINATION ${LOSANT_EU_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/LosantExperienceUsersConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)  # 0.x: minor versions may break the API
install(FILES ${PROJECT_BINARY_DIR}/LosantExperienceUsersConfig.cmake
              ${PROJECT_BINARY_DIR}/LosantExperienceUsersConfigVersion.cmake
        DESTINATION ${LOSANT_EU_CMAKE_DIR} COMPONENT dev)

# pkg-config. Relocatable: `prefix` is computed from the .pc file's own directory, so the tree
# may be installed with any --prefix (or DESTDIR) and moved afterwards. A static library needs
# its dependencies on the link line: for the default static build they are in Requires and Libs,
# so plain `pkg-config --libs` links; a shared library carries them itself (Requires.private,
# for `--static` only).
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  message(FATAL_ERROR "CMAKE_INSTALL_LIBDIR must be relative to the prefix (the .pc file is "
                      "relocatable): ${CMAKE_INSTALL_LIBDIR}")
endif()
file(RELATIVE_PATH LOSANT_EU_PC_PREFIX_FROM_PCFILEDIR
     /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
if(BUILD_SHARED_LIBS)
  set(LOSANT_EU_PC_REQUIRES "")
  set(LOSANT_EU_PC_REQUIRES_PRIVATE "libcurl simdjson")
  set(LOSANT_EU_PC_LIBS "")
  set(LOSANT_EU_PC_CFLAGS "")
else()
  set(LOSANT_EU_PC_REQUIRES "libcurl simdjson")
  set(LOSANT_EU_PC_REQUIRES_PRIVATE "")
  set(LOSANT_EU_PC_LIBS " -pthread")
  set(LOSANT_EU_PC_CFLAGS " -DLOSANT_EU_STATIC_DEFINE")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/losant-experience-users.pc.in
               ${PROJECT_BINARY_DIR}/losant-experience-users.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/losant-experience-users.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

# The emulator for users' tests: component Emulator of the CMake package, in its own export set
# so that consumers of the SDK alone never need cpp-httplib (see LosantExperienceUsersConfig).
if(TARGET losant_experience_users_emulator)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/losant/experience_users/testing
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/losant/experience_users COMPONENT dev
          FILES_MATCHING PATTERN "*.hpp")
  install(TARGETS losant_experience_users_emulator EXPORT LosantExperienceUsersEmulatorTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
          INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT LosantExperienceUsersEmulatorTargets NAMESPACE Losant::
          FILE LosantExperienceUsersEmulatorTargets.cmake DESTINATION ${LOSANT_EU_CMAKE_DIR}
          COMPONENT dev)
endif()

# Everything the install rules need built, and nothing else (scripts/test.sh's shared step).
add_custom_target(losant_eu_installed)
foreach(target losant_experience_users losant-experience-users losant-experience-users-man losant-emulator
               losant_experience_users_emulator)
  if(TARGET ${target})
    add_dependencies(losant_eu_installed ${target})
  endif()
endforeach()
