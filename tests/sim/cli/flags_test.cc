#include "sim/cli/flags.h"

#include <string>
#include <vector>

#include "doctest/doctest.h"

namespace acd::sim::cli {
namespace {

struct Example {
  FlagSet flags{"try"};
  int threads = 1;
  bool quiet = false;
  std::vector<std::string> files;

  Example() {
    flags.AddPositional("FILE", "Files to read.", 1, 3, [this](const std::string& f) {
      files.push_back(f);
      return absl::OkStatus();
    });
    flags.AddValue("--threads", "T", "Threads to run on, from one to eight.",
                   [this](const std::string& v) { return ParseInt(v, 1, 8, &threads); });
    flags.AddSwitch("--quiet", "Say nothing.", [this] { quiet = true; });
  }

  std::string Error(const std::vector<std::string>& args) {
    const absl::Status status = flags.Parse(args);
    REQUIRE(!status.ok());
    return std::string(status.message());
  }
};

TEST_CASE("flags take values either way, positionals in order, switches alone") {
  Example e;
  REQUIRE(e.flags.Parse({"a", "--threads", "3", "b", "--quiet"}).ok());
  CHECK(e.threads == 3);
  CHECK(e.quiet);
  CHECK(e.files == std::vector<std::string>{"a", "b"});
  Example f;
  REQUIRE(f.flags.Parse({"--threads=8", "x"}).ok());
  CHECK(f.threads == 8);
  Example h;
  REQUIRE(h.flags.Parse({"--help", "--bogus"}).ok());
  CHECK(h.flags.help_requested());
}

TEST_CASE("a flag's short name works like its name; other single-dash words are positional") {
  Example e;
  e.flags.AddShortName("--threads", "-t");
  REQUIRE(e.flags.Parse({"-t", "4", "-x", "-"}).ok());
  CHECK(e.threads == 4);
  CHECK(e.files == std::vector<std::string>{"-x", "-"});
  CHECK(e.flags.Help().find("  -t, --threads T") != std::string::npos);
  // Without it, "-t" is a positional argument like any other.
  CHECK(Example().Error({"a", "b", "-t", "4"}) == "unexpected argument '4'");
}

TEST_CASE("a bad command line gets one message saying what is wrong") {
  CHECK(Example().Error({"a", "--speed", "3"}) == "unknown flag '--speed'");
  CHECK(Example().Error({"a", "--threads", "many"}) == "--threads: 'many' is not a count in 1..8");
  CHECK(Example().Error({"a", "--threads=9"}) == "--threads: '9' is not a count in 1..8");
  CHECK(Example().Error({"a", "--threads"}) == "--threads needs a value");
  CHECK(Example().Error({"a", "--quiet=yes"}) == "--quiet takes no value");
  CHECK(Example().Error({"--quiet"}) == "missing FILE");
  CHECK(Example().Error({"a", "b", "c", "d"}) == "unexpected argument 'd'");
}

TEST_CASE("the help lists every argument and flag, wrapped at 79 columns") {
  Example e;
  CHECK(e.flags.Usage() == "acdsim try FILE... [flags]");
  const std::string help = e.flags.Help();
  CHECK(help ==
        "  FILE...            Files to read.\n"
        "  --threads T        Threads to run on, from one to eight.\n"
        "  --quiet            Say nothing.\n");
  CHECK(Paragraph(std::string(30, 'a') + " " + std::string(30, 'b') + " " + std::string(30, 'c')) ==
        std::string(30, 'a') + " " + std::string(30, 'b') + "\n" + std::string(30, 'c') + "\n");
}

}  // namespace
}  // namespace acd::sim::cli
