# acd_proto_library(NAME target PROTOS a.proto b.proto ...)
#
# Generates C++ for .proto files kept under include/ (import paths are
# relative to include/, e.g. "acd/proto/center.proto") into the build tree,
# and builds them into a static library. An explicit custom command is used
# because CMake 3.25's protobuf_generate misplaces outputs for protos below
# the source root.

function(acd_proto_library)
  cmake_parse_arguments(ARG "" "NAME" "PROTOS" ${ARGN})
  set(proto_root "${PROJECT_SOURCE_DIR}/include")
  set(out_root "${PROJECT_BINARY_DIR}/gen")
  set(sources "")
  set(headers "")
  foreach(proto IN LISTS ARG_PROTOS)
    get_filename_component(abs "${proto}" ABSOLUTE)
    file(RELATIVE_PATH rel "${proto_root}" "${abs}")
    string(REGEX REPLACE "\\.proto$" "" stem "${rel}")
    set(cc "${out_root}/${stem}.pb.cc")
    set(h "${out_root}/${stem}.pb.h")
    add_custom_command(
      OUTPUT "${cc}" "${h}"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${out_root}"
      COMMAND protobuf::protoc --proto_path=${proto_root} --cpp_out=${out_root} ${rel}
      DEPENDS "${abs}" protobuf::protoc
      COMMENT "protoc ${rel}"
      VERBATIM)
    list(APPEND sources "${cc}")
    list(APPEND headers "${h}")
  endforeach()
  add_library(${ARG_NAME} STATIC ${sources} ${headers})
  target_include_directories(${ARG_NAME} PUBLIC $<BUILD_INTERFACE:${out_root}>
                                               $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${ARG_NAME} PUBLIC protobuf::libprotobuf)
  set_target_properties(${ARG_NAME} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
