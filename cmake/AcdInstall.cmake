# Installs the engine's public headers, schemas and libraries, with an
# acdConfig.cmake so that a server's CMake project can do
#   find_package(acd REQUIRED)
#   target_link_libraries(server PRIVATE acd::engine acd::config)

include(CMakePackageConfigHelpers)

set(ACD_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/acd")

install(TARGETS acd_base acd_engine acd_config acd_proto acd_router acd_journal_proto acd_metrics
  EXPORT acdTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
set_target_properties(acd_proto PROPERTIES EXPORT_NAME proto)
set_target_properties(acd_journal_proto PROPERTIES EXPORT_NAME journal_proto)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/acd"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  FILES_MATCHING PATTERN "*.h" PATTERN "*.proto")

# The generated protobuf headers that public headers include
# (acd/state_codec.h, acd/config_writer.h, acd/config_loader.h), so that
# every installed header compiles on its own (tests/install).
install(DIRECTORY "${PROJECT_BINARY_DIR}/gen/acd"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  FILES_MATCHING PATTERN "*.pb.h" PATTERN "partial_result.pb.h" EXCLUDE)

install(TARGETS acdsim RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

install(EXPORT acdTargets
  NAMESPACE acd::
  DESTINATION "${ACD_INSTALL_CMAKEDIR}")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/acdConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/acdConfig.cmake"
  INSTALL_DESTINATION "${ACD_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/acdConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/acdConfig.cmake"
  "${PROJECT_BINARY_DIR}/acdConfigVersion.cmake"
  DESTINATION "${ACD_INSTALL_CMAKEDIR}")
