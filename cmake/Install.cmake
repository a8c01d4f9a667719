# Installs the CLI, the confined runs' child program, libreelflow, the public headers, the plugins, and the CMake
# and pkg-config packages that out-of-tree plugins and embedding apps use.
include(CMakePackageConfigHelpers)

file(STRINGS ${PROJECT_SOURCE_DIR}/sdk/include/reelflow/version.hpp abi_lines REGEX "#define REELFLOW_SDK_ABI_(MAJOR|MINOR)")
string(REGEX MATCH "MAJOR ([0-9]+)" _ "${abi_lines}")
set(REELFLOW_SDK_ABI_MAJOR ${CMAKE_MATCH_1})
string(REGEX MATCH "MINOR ([0-9]+)" _ "${abi_lines}")
set(REELFLOW_SDK_ABI_MINOR ${CMAKE_MATCH_1})

set_target_properties(reelflow_sdk PROPERTIES EXPORT_NAME sdk)
set_target_properties(reelflow_framework PROPERTIES EXPORT_NAME framework)
set_target_properties(reelflow_testing PROPERTIES EXPORT_NAME testing)
install(TARGETS reelflow_sdk reelflow_framework reelflow_testing EXPORT reelflowTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS reelflow_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The default child of confined runs (not for people, so not in bin/).
install(TARGETS reelflow_sandbox_child RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/include/reelflow ${PROJECT_SOURCE_DIR}/sdk/testing/include/reelflow
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The embedding API: exactly these headers are public (docs/embedding.md, "What is
# public"); they need only the standard library and the SDK's headers. The
# framework's internal headers (framework/src/<layer>/*.hpp) are never installed.
set(REELFLOW_EMBEDDING_HEADERS
  bus_message.hpp confinement.hpp diagnostics.hpp events.hpp graph_description.hpp graph_trust.hpp
  plugins.hpp run_options.hpp run_result.hpp runtime.hpp stage_type_description.hpp)
list(TRANSFORM REELFLOW_EMBEDDING_HEADERS PREPEND ${PROJECT_SOURCE_DIR}/framework/include/reelflow/)
install(FILES ${REELFLOW_EMBEDDING_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/reelflow)
install(EXPORT reelflowTargets NAMESPACE reelflow:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/reelflow)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/reelflowConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/reelflowConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/reelflow)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/reelflowConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/reelflowConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/reelflowConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/ReelflowPlugin.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/reelflow)

# Relocatable: each .pc finds the prefix from its own place (${pcfiledir}), so an
# install moved or made with `cmake --install --prefix P` still points at itself.
file(RELATIVE_PATH REELFLOW_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
foreach(pc reelflow reelflow-sdk reelflow-sdk-gst reelflow-testing)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/${pc}.pc.in ${CMAKE_CURRENT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
