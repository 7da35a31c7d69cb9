# ctest install_emulator_consumer: install the build tree into a scratch prefix, then
#   1. build and run users_test (find_package(LosantExperienceUsers COMPONENTS Emulator)),
#   2. configure the plain consumer (tests/install) with pkg-config and OpenSSL made unfindable:
#      the SDK alone must not need what only the emulator needs,
#   3. ask for the Emulator component without pkg-config: configuring must fail and say why.
# Run as: cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DCXX=... -DGENERATOR=...
#   -P run.cmake
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}")
  endif()
endfunction()
set(configure -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX}
    -DCMAKE_BUILD_TYPE=Release)

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
if(NOT EXISTS ${prefix}/include/losant/experience_users/testing/emulator.hpp)
  message(FATAL_ERROR "not installed: include/losant/experience_users/testing/emulator.hpp")
endif()
# Under lib/ or lib/<multiarch>/, as GNUInstallDirs chose for the prefix.
file(GLOB_RECURSE targets ${prefix}/LosantExperienceUsersEmulatorTargets.cmake)
if(NOT targets)
  message(FATAL_ERROR "not installed: LIBDIR/cmake/LosantExperienceUsers/LosantExperienceUsersEmulatorTargets.cmake")
endif()

# 1. A user's tests against the emulator.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/emulator -B ${WORK_DIR}/emulator ${configure})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/emulator)
run(${WORK_DIR}/emulator/users_test)

# 2. The SDK alone: no pkg-config, no OpenSSL needed.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install -B ${WORK_DIR}/plain ${configure}
    -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=TRUE -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=TRUE)

# 3. The component without its dependencies: a clear failure.
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/emulator -B ${WORK_DIR}/missing
          ${configure} -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=TRUE
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT "${out}${err}" MATCHES "component Emulator needs cpp-httplib")
  message(FATAL_ERROR "the Emulator component without pkg-config should fail and say why; got "
                      "(${rc}):\n${out}${err}")
endif()
