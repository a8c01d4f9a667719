# reelflow_add_plugin(<name> SOURCES <files...> [LIBRARIES <targets...>]
#                     [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds a stage plugin: a shared library that exports only the reelflow C entry
# points (-fvisibility=hidden), linked against the header-only SDK. Works in the
# reelflow tree and, through find_package(reelflow), out of tree.
function(reelflow_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "reelflow_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE reelflow::sdk ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED REELFLOW_BUILD_PLUGIN_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${REELFLOW_BUILD_PLUGIN_DIR})
  endif()
  if(DEFINED REELFLOW_WARNINGS)
    target_compile_options(${name} PRIVATE ${REELFLOW_WARNINGS})
  endif()
  # Undefined symbols are errors at link time, not at dlopen time (sanitizer
  # builds resolve their runtime from the executable, so they skip this).
  if(NOT REELFLOW_SANITIZE)
    target_link_options(${name} PRIVATE -Wl,--no-undefined)
  endif()
  if(NOT ARG_NO_INSTALL AND DEFINED REELFLOW_INSTALL_PLUGIN_DIR)
    install(TARGETS ${name} LIBRARY DESTINATION ${REELFLOW_INSTALL_PLUGIN_DIR})
  endif()
endfunction()

# reelflow_add_plugin_test(<name> PLUGIN <plugin target> SOURCES <files...>
#                          [LIBRARIES <targets...>])
#
# A GoogleTest program for a plugin, built against the test kit
# (reelflow/testing.hpp, reelflow::testing): its StageTester loads the PLUGIN's
# library, built first. Each TEST becomes a CTest test; call enable_testing() in
# the project's top CMakeLists.txt so `ctest` finds them.
function(reelflow_add_plugin_test name)
  cmake_parse_arguments(ARG "" "PLUGIN" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES OR NOT ARG_PLUGIN)
    message(FATAL_ERROR "reelflow_add_plugin_test(${name}): PLUGIN and SOURCES are required")
  endif()
  find_package(GTest REQUIRED)
  include(GoogleTest)
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE reelflow::testing GTest::gtest_main ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES CXX_STANDARD 20 CXX_STANDARD_REQUIRED ON)
  target_compile_definitions(${name} PRIVATE REELFLOW_PLUGIN_UNDER_TEST="$<TARGET_FILE:${ARG_PLUGIN}>")
  add_dependencies(${name} ${ARG_PLUGIN})
  # Stage caches and plugin indexes of test runs stay in the build tree.
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES ENVIRONMENT "XDG_CACHE_HOME=${CMAKE_BINARY_DIR}/test-cache")
endfunction()
