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
  # GCC 12 at -O3 warns that std::string's own concatenation copies may
  # overlap (GCC bug 105329, inside libstdc++): a false -Wrestrict that
  # would fail Release builds with ACD_WERROR on.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
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

# ACD_LTO: link-time optimisation in Release builds (the build the benchmarks
# and production use), so that the simulator's calls into the engine and the
# engine's calls between its parts inline across files. Measured on
# BM_Sim_A2 and BM_Sim_FullDay (bench/); the README's performance section has
# the figures. Off in the other build types: the tests and sanitizer builds
# stay quick to link.
option(ACD_LTO "Link-time optimisation in Release builds" ON)
if(ACD_LTO AND CMAKE_BUILD_TYPE STREQUAL "Release" AND NOT ACD_SANITIZE AND NOT ACD_FUZZ)
  include(CheckIPOSupported)
  check_ipo_supported(RESULT _acd_ipo OUTPUT _acd_ipo_error LANGUAGES CXX)
  if(_acd_ipo)
    set(CMAKE_INTERPROCEDURAL_OPTIMIZATION ON)
  else()
    message(STATUS "ACD_LTO: link-time optimisation not supported here: ${_acd_ipo_error}")
  endif()
endif()

# ACD_PGO: profile-guided optimisation with GCC, in two builds of the same
# build directory (./dev pgo does both, training on the shipped scenarios):
# "generate" instruments every target to write its profile under ACD_PGO_DIR
# when run; "use" compiles with that profile, so that branch layout and
# inlining follow the paths a simulation takes. Code no training run reached
# is optimised as without a profile (-fprofile-partial-training). Results are
# unchanged: ./dev pgo compares every shipped scenario's output of the two
# builds byte for byte.
set(ACD_PGO "" CACHE STRING "Profile-guided optimisation: empty, generate or use")
set(ACD_PGO_DIR "${CMAKE_BINARY_DIR}/pgo-profile" CACHE PATH
    "Where ACD_PGO=generate writes the profile and ACD_PGO=use reads it")
if(ACD_PGO)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "ACD_PGO needs GCC (its profile format)")
  endif()
  if(ACD_SANITIZE OR ACD_FUZZ)
    message(FATAL_ERROR "ACD_PGO does not combine with sanitizers or fuzzing")
  endif()
  if(ACD_PGO STREQUAL "generate")
    add_compile_options(-fprofile-generate -fprofile-update=prefer-atomic
                        "-fprofile-dir=${ACD_PGO_DIR}")
    add_link_options(-fprofile-generate)
  elseif(ACD_PGO STREQUAL "use")
    # A file compiled in without a training run reaching it has no profile:
    # expected (tests, tools), not worth a warning.
    add_compile_options(-fprofile-use -fprofile-partial-training -Wno-missing-profile
                        "-fprofile-dir=${ACD_PGO_DIR}")
  else()
    message(FATAL_ERROR "ACD_PGO: '${ACD_PGO}' is not empty, generate or use")
  endif()
endif()
