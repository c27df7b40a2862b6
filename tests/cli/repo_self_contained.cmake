# The repository explains itself: no file refers to a document outside it.
# What the project relies on is in docs/ (docs/README.md); a comment cites
# "docs/design.md 3.3", never a design note, oracle or research file that a
# user who clones the repository does not have.
#
# -DSOURCE_DIR=<repository root> [-DBINARY_DIR=<build tree, skipped>]
#
# Every file under SOURCE_DIR is read, docs/ included, except: .git, .cache,
# build trees (top-level build* directories, any top-level directory holding
# a CMakeCache.txt, and BINARY_DIR), and this script, which spells the
# patterns out. A line fails when it holds one of:
#   * the upper-case word DESIGN or STYLE, alone ("DESIGN 3.3", "DESIGN.md",
#     "STYLE 9"): the names of design notes kept outside the repository.
#     Identifiers that contain them (ACD_DESIGN_X, DESIGNATED) and the
#     lower-case words are fine;
#   * "../shared": the folder beside a checkout those notes lived in;
#   * a path starting with oracles/, research/ or seeds/ (as a whole path
#     component, so "my_seeds/" or the word "seed" are fine).
# The same check runs first on known strings, so that a pattern broken by an
# edit fails here instead of passing everything.

cmake_minimum_required(VERSION 3.20)  # file(REAL_PATH); empty lines kept in lists

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<repository root> -P repo_self_contained.cmake")
endif()

set(word_re "(^|[^A-Za-z0-9_/.])(DESIGN|STYLE)([^A-Za-z0-9_]|$)")
set(shared_re "\\.\\./shared")
set(path_re "(^|[^A-Za-z0-9_])(oracles|research|seeds)/")
set(any_re "${word_re}|${shared_re}|${path_re}")

# The patterns themselves.
foreach(bad "// The routing formulas of DESIGN 3.3 and 3.5" "see DESIGN.md" "(STYLE 9)"
            "DESIGN" "# from ../shared/notes" "exact values in oracles/erlang.md"
            "`research/peers.md`" "seeds/001_x.txt")
  if(NOT bad MATCHES "${any_re}")
    message(FATAL_ERROR "pattern self-check: \"${bad}\" should be refused and is not")
  endif()
endforeach()
foreach(good "// The routing formulas of docs/design.md 3.3 and 3.5" "docs/style.md 9"
             "ACD_DESIGN_CHECKS DESIGNATED STYLE_X" "seed 12345, 10 replications"
             "tests/fuzz/my_seeds/x" "the design of the engine" "docs/queueing-results.md")
  if(good MATCHES "${any_re}")
    message(FATAL_ERROR "pattern self-check: \"${good}\" should pass and is refused")
  endif()
endforeach()

# The files.
file(GLOB top RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/*" "${SOURCE_DIR}/.*")
set(files "")
foreach(entry IN LISTS top)
  set(path "${SOURCE_DIR}/${entry}")
  if(entry MATCHES "^(\\.git|\\.cache|build.*)$")
    continue()
  endif()
  if(IS_DIRECTORY "${path}")
    if(EXISTS "${path}/CMakeCache.txt")
      continue()
    endif()
    if(BINARY_DIR)
      file(REAL_PATH "${path}" real)
      file(REAL_PATH "${BINARY_DIR}" real_binary)
      if(real STREQUAL real_binary)
        continue()
      endif()
    endif()
    file(GLOB_RECURSE found LIST_DIRECTORIES false "${path}/*")
    list(APPEND files ${found})
  else()
    list(APPEND files "${path}")
  endif()
endforeach()
get_filename_component(self "${CMAKE_CURRENT_LIST_FILE}" REALPATH)

set(failures "")
set(checked 0)
foreach(file IN LISTS files)
  get_filename_component(real "${file}" REALPATH)
  if(real STREQUAL self)
    continue()
  endif()
  if(BINARY_DIR)
    file(REAL_PATH "${BINARY_DIR}" real_binary)
    string(FIND "${real}" "${real_binary}/" inside)
    if(inside EQUAL 0)
      continue()
    endif()
  endif()
  math(EXPR checked "${checked} + 1")
  file(STRINGS "${file}" hits REGEX "${any_re}" ENCODING UTF-8)
  if(hits)
    # Again, line by line, for the line numbers.
    file(STRINGS "${file}" lines ENCODING UTF-8)
    file(RELATIVE_PATH rel "${SOURCE_DIR}" "${file}")
    set(n 0)
    foreach(line IN LISTS lines)
      math(EXPR n "${n} + 1")
      if(line MATCHES "${any_re}")
        string(APPEND failures "  ${rel}:${n}: ${line}\n")
      endif()
    endforeach()
  endif()
endforeach()

if(checked LESS 50)
  message(FATAL_ERROR "only ${checked} files found under ${SOURCE_DIR}: is it the repository root?")
endif()
if(failures)
  message(FATAL_ERROR
    "references to documents outside the repository (point them into docs/ instead):\n"
    "${failures}")
endif()
message(STATUS "${checked} files refer to no document outside the repository")
