# Warnings and sanitizers.
#
# acd_target_warnings(target): -Wall -Wextra -Wpedantic (PRIVATE), and -Werror
# when ACD_WERROR is on. Sanitizers apply to every target in the build.

function(acd_target_warnings target)
  # Designated initializers that leave fields at their documented defaults are
  # the intended way to write commands and options; g++ 12 would flag each one.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                                           -Wno-missing-field-initializers)
  if(ACD_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(ACD_SANITIZE)
  set(_acd_sanitizers "")
  foreach(_sanitizer IN LISTS ACD_SANITIZE)
    if(NOT _sanitizer MATCHES "^(address|undefined|thread)$")
      message(FATAL_ERROR "ACD_SANITIZE: unknown sanitizer '${_sanitizer}'")
    endif()
    list(APPEND _acd_sanitizers ${_sanitizer})
  endforeach()
  if("thread" IN_LIST _acd_sanitizers AND "address" IN_LIST _acd_sanitizers)
    message(FATAL_ERROR "ACD_SANITIZE: 'thread' cannot be combined with 'address'")
  endif()
  list(JOIN _acd_sanitizers "," _acd_sanitizer_flag)
  add_compile_options(-fsanitize=${_acd_sanitizer_flag} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_acd_sanitizer_flag})
endif()

# ACD_FUZZ: the fuzz targets of tests/fuzz as libFuzzer binaries. Needs clang;
# every target of the build is instrumented for libFuzzer, AddressSanitizer
# and UndefinedBehaviorSanitizer (./dev fuzz builds build-fuzz/ this way).
option(ACD_FUZZ "Build the fuzz targets with clang's libFuzzer, ASan and UBSan" OFF)
if(ACD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ACD_FUZZ needs clang (CMAKE_CXX_COMPILER=clang++)")
  endif()
  if(ACD_SANITIZE)
    message(FATAL_ERROR "ACD_FUZZ brings its own sanitizers; leave ACD_SANITIZE empty")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
