# The ways an application consumes the SDK, each run by its own ctest test (tests/CMakeLists.txt):
#   cmake -DMODE=find_package|pkg_config|add_subdirectory|deb|emulator_consumer -DBUILD_DIR=... -DSOURCE_DIR=...
#         -DWORK_DIR=... -DCXX=... -DGENERATOR=... [-DSHARED=ON] -P TestConsumers.cmake
# find_package:     `cmake --install` into a scratch prefix; tests/install built against it.
# pkg_config:       installed with --prefix into one directory, which is then renamed (the .pc is
#                   relocatable); tests/install/main.cpp compiled with `pkg-config --cflags --libs`
#                   alone (plain --libs, also for the static library).
# add_subdirectory: tests/install/subdirectory, an application that add_subdirectory()s the SDK's
#                   tree, with GTest, CLI11 and cpp-httplib made unfindable.
# deb:              `cpack -G DEB` in the build tree; the packages extracted with dpkg-deb -x into a
#                   scratch root; tests/install built against it with find_package and pkg-config.
# emulator_consumer: installed into a scratch prefix; a user's GoogleTest suite
#                   (tests/install/emulator, find_package COMPONENTS Emulator) built and run; the
#                   SDK alone configured with pkg-config and OpenSSL unfindable (it must not need
#                   what only the emulator needs); the component without pkg-config must fail and
#                   say why.
# The inner builds use the outer build's generator (a fresh Debian 12 has ninja but no make).
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}")
  endif()
endfunction()
function(run_output var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

# Configures, builds and runs the find_package consumer against `prefix_path`.
function(build_cmake_consumer name prefix_path)
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install -B ${WORK_DIR}/${name} -G ${GENERATOR}
      -DCMAKE_PREFIX_PATH=${prefix_path} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release
      -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/${name})
  run(${WORK_DIR}/${name}/consumer)
endfunction()

# Compiles tests/install/main.cpp with the flags pkg-config gives for `pc_dir` and runs it.
function(build_pkg_config_consumer name pc_dir expected_prefix)
  set(ENV{PKG_CONFIG_PATH} ${pc_dir})
  run_output(prefix pkg-config --variable=prefix losant-experience-users)
  get_filename_component(prefix ${prefix} REALPATH)
  get_filename_component(expected_prefix ${expected_prefix} REALPATH)
  if(NOT prefix STREQUAL expected_prefix)
    message(FATAL_ERROR "pkg-config prefix is ${prefix}, expected ${expected_prefix}")
  endif()
  run_output(cflags pkg-config --cflags losant-experience-users)
  run_output(libs pkg-config --libs losant-experience-users)
  run_output(libdir pkg-config --variable=libdir losant-experience-users)
  message(STATUS "pkg-config --cflags: ${cflags}\npkg-config --libs: ${libs}")
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  separate_arguments(libs UNIX_COMMAND "${libs}")
  set(rpath "")
  if(SHARED)
    set(rpath "-Wl,-rpath,${libdir}")
  endif()
  run(${CXX} -std=c++17 ${cflags} ${SOURCE_DIR}/tests/install/main.cpp -o ${WORK_DIR}/${name}
      ${libs} ${rpath})
  run(${WORK_DIR}/${name})
endfunction()

if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
  build_cmake_consumer(build ${WORK_DIR}/prefix)

elseif(MODE STREQUAL "pkg_config")
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/installed-here)
  file(RENAME ${WORK_DIR}/installed-here ${WORK_DIR}/moved-there)
  file(GLOB_RECURSE pc_files ${WORK_DIR}/moved-there/*/losant-experience-users.pc)
  list(GET pc_files 0 pc_file)
  get_filename_component(pc_dir ${pc_file} DIRECTORY)
  build_pkg_config_consumer(consumer ${pc_dir} ${WORK_DIR}/moved-there)

elseif(MODE STREQUAL "add_subdirectory")
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/subdirectory -B ${WORK_DIR}/build
      -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release
      -DLOSANT_EU_SDK_DIR=${SOURCE_DIR}
      -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON -DCMAKE_DISABLE_FIND_PACKAGE_CLI11=ON
      -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON
      -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
  run(${WORK_DIR}/build/application)

elseif(MODE STREQUAL "deb")
  run(cpack -G DEB -B ${WORK_DIR}/debs WORKING_DIRECTORY ${BUILD_DIR})
  file(GLOB debs ${WORK_DIR}/debs/*.deb)
  list(LENGTH debs n)
  if(n LESS 2)
    message(FATAL_ERROR "expected the -dev and -tools packages (and the runtime one), got: ${debs}")
  endif()
  foreach(deb IN LISTS debs)
    run_output(info dpkg-deb --field ${deb} Package Version Depends)
    message(STATUS "${deb}:\n${info}")
    run(dpkg-deb -x ${deb} ${WORK_DIR}/root)
  endforeach()
  set(ENV{LD_LIBRARY_PATH} ${WORK_DIR}/root/usr/lib/x86_64-linux-gnu:${WORK_DIR}/root/usr/lib)
  build_cmake_consumer(find-package ${WORK_DIR}/root/usr)
  file(GLOB_RECURSE pc_files ${WORK_DIR}/root/*/losant-experience-users.pc)
  list(GET pc_files 0 pc_file)
  get_filename_component(pc_dir ${pc_file} DIRECTORY)
  build_pkg_config_consumer(pkg-config-consumer ${pc_dir} ${WORK_DIR}/root/usr)
  # lintian, when installed: errors fail the test; the remaining tags are explained in
  # docs/packaging.md.
  find_program(LINTIAN lintian)
  if(LINTIAN)
    execute_process(COMMAND ${LINTIAN} --fail-on error ${debs} RESULT_VARIABLE rc
                    OUTPUT_VARIABLE out ERROR_VARIABLE out)
    message(STATUS "lintian:\n${out}")
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "lintian reports errors (${rc})")
    endif()
  endif()
  # The tools run from the extracted tree.
  run(${WORK_DIR}/root/usr/bin/losant-experience-users --version)

elseif(MODE STREQUAL "emulator_consumer")
  set(configure -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_CXX_COMPILER=${CXX}
      -DCMAKE_BUILD_TYPE=Release)

  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
  if(NOT EXISTS ${WORK_DIR}/prefix/include/losant/experience_users/testing/emulator.hpp)
    message(FATAL_ERROR "not installed: include/losant/experience_users/testing/emulator.hpp")
  endif()
  # Under lib/ or lib/<multiarch>/, as GNUInstallDirs chose for the prefix.
  file(GLOB_RECURSE targets ${WORK_DIR}/prefix/LosantExperienceUsersEmulatorTargets.cmake)
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
else()
  message(FATAL_ERROR "unknown MODE ${MODE}")
endif()
