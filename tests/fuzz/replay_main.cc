// A plain main for the fuzz targets in the ordinary build: runs
// LLVMFuzzerTestOneInput on every file named on the command line and on
// every regular file of every folder named (sorted by name, not recursive).
// A folder that does not exist counts as empty (regressions/<target>/ may
// have no reproducers yet). A crash is the failure; the input is printed
// before it runs so that the log names the reproducer.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool RunFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "replay: cannot open %s\n", path.c_str());
    return false;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::fprintf(stderr, "replay: %s (%zu bytes)\n", path.c_str(), bytes.size());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int replayed = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    std::error_code error;
    if (std::filesystem::is_directory(arg, error)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        if (!RunFile(file)) return 1;
        ++replayed;
      }
    } else if (std::filesystem::exists(arg, error)) {
      if (!RunFile(arg)) return 1;
      ++replayed;
    } else {
      std::fprintf(stderr, "replay: %s does not exist; nothing to replay there\n", argv[i]);
    }
  }
  std::printf("replay: %d inputs ran without a crash\n", replayed);
  return 0;
}
