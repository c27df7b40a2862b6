#include "sim/cli/output_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "doctest/doctest.h"

namespace acd::sim::cli {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / "acd_output_file_test";
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  size_t Entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(path), {}));
  }
};

TEST_CASE("an output appears whole, at its path, only when committed") {
  TempDir dir;
  const fs::path path = dir.path / "out.json";
  std::ofstream(path) << "old";
  absl::StatusOr<OutputFile> out = OutputFile::Create(path.string(), "the JSON report");
  REQUIRE(out.ok());
  REQUIRE(out->Write("new ").ok());
  REQUIRE(out->Write("text").ok());
  CHECK(Read(path) == "old");
  CHECK(dir.Entries() == 2);  // the old file and the temporary one
  REQUIRE(out->Commit().ok());
  CHECK(Read(path) == "new text");
  CHECK(dir.Entries() == 1);
}

TEST_CASE("an output never committed leaves nothing behind") {
  TempDir dir;
  {
    absl::StatusOr<OutputFile> out = OutputFile::Create((dir.path / "x.csv").string(), "the CSV");
    REQUIRE(out.ok());
    REQUIRE(out->Write("partial").ok());
  }
  CHECK(dir.Entries() == 0);
}

TEST_CASE("an unwritable path is refused at once, naming it and the output") {
  TempDir dir;
  const fs::path file = dir.path / "file";
  std::ofstream(file) << "x";
  const std::string below_file = (file / "out.json").string();
  absl::StatusOr<OutputFile> out = OutputFile::Create(below_file, "the JSON report");
  REQUIRE(!out.ok());
  CHECK(std::string(out.status().message()) ==
        below_file + ": cannot write the JSON report: Not a directory");
  const std::string missing = (dir.path / "missing" / "out.json").string();
  CHECK(std::string(OutputFile::Create(missing, "the trace").status().message()) ==
        missing + ": cannot write the trace: No such file or directory");
  CHECK(std::string(OutputFile::Create(dir.path.string(), "the trace").status().message()) ==
        dir.path.string() + ": cannot write the trace: it is a directory");
  CHECK(!PrepareDirectory(below_file, "the CSV report").ok());
  CHECK(PrepareDirectory((dir.path / "a" / "b").string(), "the CSV report").ok());
  CHECK(fs::is_directory(dir.path / "a" / "b"));
}

}  // namespace
}  // namespace acd::sim::cli
