# Install rules: headers, the library, the CMake package (config, version, exported targets)
# and a pkg-config file. Programs (CLI, emulator) add their own install(TARGETS) rules.
include(CMakePackageConfigHelpers)

set(LOSANT_EU_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/LosantExperienceUsers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/losant
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/losant/experience_users/version.hpp
              ${PROJECT_BINARY_DIR}/include/losant/experience_users/export.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/losant/experience_users)
install(TARGETS losant_experience_users EXPORT LosantExperienceUsersTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT LosantExperienceUsersTargets NAMESPACE Losant::
        FILE LosantExperienceUsersTargets.cmake DESTINATION ${LOSANT_EU_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/LosantExperienceUsersConfig.cmake.in
  ${PROJECT_BINARY_DIR}/LosantExperienceUsersConfig.cmake INSTALL_DESTINATION ${LOSANT_EU_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/LosantExperienceUsersConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)  # 0.x: minor versions may break the API
install(FILES ${PROJECT_BINARY_DIR}/LosantExperienceUsersConfig.cmake
              ${PROJECT_BINARY_DIR}/LosantExperienceUsersConfigVersion.cmake
        DESTINATION ${LOSANT_EU_CMAKE_DIR})

# pkg-config: a static library needs its dependencies on the link line; a shared one does not.
if(BUILD_SHARED_LIBS)
  set(LOSANT_EU_PC_LIBS_PRIVATE "")
else()
  set(LOSANT_EU_PC_LIBS_PRIVATE "-lstdc++ -pthread")
  set(LOSANT_EU_PC_CFLAGS " -DLOSANT_EU_STATIC_DEFINE")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/losant-experience-users.pc.in
               ${PROJECT_BINARY_DIR}/losant-experience-users.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/losant-experience-users.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
