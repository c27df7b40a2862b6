// CRC-32C test vectors (RFC 3720 appendix B.4 and the check value).

#include "lib/router/crc32c.h"

#include <string>

#include "doctest/doctest.h"

namespace acd::router_internal {
namespace {

TEST_CASE("crc32c matches the published check value and iSCSI vectors") {
  CHECK(Crc32c("123456789") == 0xE3069283u);
  CHECK(Crc32c("") == 0u);
  CHECK(Crc32c(std::string(32, '\0')) == 0x8A9136AAu);
  CHECK(Crc32c(std::string(32, '\xFF')) == 0x62A8AB43u);
  std::string ascending, descending;
  for (int i = 0; i < 32; ++i) {
    ascending.push_back(static_cast<char>(i));
    descending.push_back(static_cast<char>(31 - i));
  }
  CHECK(Crc32c(ascending) == 0x46DD794Eu);
  CHECK(Crc32c(descending) == 0x113FDB5Cu);
}

TEST_CASE("crc32c extends over a split input as over the whole") {
  const std::string text = "the quick brown fox jumps over the lazy dog";
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    CHECK(Crc32cExtend(Crc32c(text.substr(0, cut)), text.substr(cut)) == Crc32c(text));
  }
}

}  // namespace
}  // namespace acd::router_internal
