// The README's "Embedding in a server" code block is the compiled example in
// embedding_example.cc, character for character, so the two cannot drift.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "doctest/doctest.h"

namespace {

std::string ReadSource(const std::string& relative) {
  const char* root = std::getenv("ACD_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/" + relative);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text between the two "// [embedding-example]" markers.
std::string Example() {
  const std::string source = ReadSource("tests/router/embedding_example.cc");
  const std::string marker = "// [embedding-example]\n";
  const size_t begin = source.find(marker);
  REQUIRE(begin != std::string::npos);
  const size_t end = source.find(marker, begin + marker.size());
  REQUIRE(end != std::string::npos);
  return source.substr(begin + marker.size(), end - begin - marker.size());
}

// The first ```cpp block after the "## Embedding in a server" heading.
std::string ReadmeBlock() {
  const std::string readme = ReadSource("README.md");
  const size_t section = readme.find("## Embedding in a server");
  REQUIRE(section != std::string::npos);
  const std::string fence = "```cpp\n";
  const size_t begin = readme.find(fence, section);
  REQUIRE(begin != std::string::npos);
  const size_t end = readme.find("```\n", begin + fence.size());
  REQUIRE(end != std::string::npos);
  return readme.substr(begin + fence.size(), end - begin - fence.size());
}

TEST_CASE("the README's embedding example is the compiled one") {
  CHECK(ReadmeBlock() == Example());
}

}  // namespace
