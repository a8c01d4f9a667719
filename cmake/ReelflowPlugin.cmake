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
