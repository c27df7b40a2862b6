// The one reader of the simulator's input files, and the arrival traces it
// reads: what is not a regular file, too large, empty, or has no row for a
// contact type is a clear error naming the path.

#include "sim/input_file.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "doctest/doctest.h"
#include "sim/arrival_trace.h"
#include "sim/scenario.h"

namespace acd::sim {
namespace {

std::filesystem::path TestDir() {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "acd_input_file_test";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string Write(const std::string& name, const std::string& text) {
  const std::filesystem::path path = TestDir() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

template <typename T>
std::string Message(const absl::StatusOr<T>& result) {
  return std::string(result.status().message());
}

TEST_CASE("a regular file within its limit is read whole") {
  const std::string path = Write("ok.txt", "12345");
  CHECK(*ReadInputFile(path, "scenario", 5) == "12345");
  CHECK(*ReadInputFile(Write("empty.txt", ""), "scenario", 5) == "");
}

TEST_CASE("a file over its limit is refused with the limit") {
  const std::string path = Write("big.txt", "123456");
  absl::StatusOr<std::string> text = ReadInputFile(path, "scenario", 5);
  CHECK(text.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(Message(text) == path + ": the scenario is larger than its limit of 5 bytes");
  CHECK(Message(ReadInputFile(path, "arrival trace", 0)) ==
        path + ": the arrival trace is larger than its limit of 0 bytes");
}

TEST_CASE("what is not a regular file is refused before it is read") {
  const std::string dir = TestDir().string();
  CHECK(Message(ReadInputFile(dir, "scenario", kMaxScenarioBytes)) ==
        dir + ": the scenario is not a regular file (a directory)");
  // An endless device: refused at once, nothing read.
  CHECK(Message(ReadInputFile("/dev/zero", "arrival trace", kMaxArrivalTraceBytes)) ==
        "/dev/zero: the arrival trace is not a regular file (a character device)");
  // A FIFO without a writer: refused, not waited on.
  const std::string fifo = (TestDir() / "fifo").string();
  std::filesystem::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(Message(ReadInputFile(fifo, "scenario", kMaxScenarioBytes)) ==
        fifo + ": the scenario is not a regular file (a FIFO)");
  const std::string missing = (TestDir() / "missing.txt").string();
  absl::StatusOr<std::string> none = ReadInputFile(missing, "golden", 10);
  CHECK(none.status().code() == absl::StatusCode::kNotFound);
  CHECK(Message(none) == missing + ": cannot open the golden: No such file or directory");
}

TEST_CASE("scenario files go through the reader") {
  CHECK(Message(LoadScenarioFile("/dev/zero")) ==
        "/dev/zero: the scenario is not a regular file (a character device)");
  const std::string dir = TestDir().string();
  CHECK(Message(LoadScenarioFile(dir)) == dir + ": the scenario is not a regular file (a directory)");
}

// A scenario whose "calls" come from `trace` (a path next to it).
absl::StatusOr<Scenario> WithTrace(const std::string& trace) {
  const std::string text = R"(center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
contact_types { name: "calls" workgroup: "Q" arrivals { trace { path: ")" +
                           trace + R"(" } } handle_time { constant_s: 5 } }
contact_types { name: "chats" workgroup: "Q" arrivals { poisson { rate_per_hour: 1 } }
  handle_time { constant_s: 5 } }
horizon_s: 1000
)";
  return LoadScenario((TestDir() / "s.txtpb").string(), text);
}

TEST_CASE("a trace with no row for its contact type is an error at load") {
  const std::string dir = TestDir().string();
  const std::string where = dir + "/s.txtpb:3:65: contact_types[0].arrivals.trace.path: ";
  Write("empty.csv", "");
  CHECK(Message(WithTrace("empty.csv")) ==
        where + dir + "/empty.csv: no arrivals of contact type \"calls\" (0 rows, none of this type)");
  Write("comments.csv", "# nothing today\n\n# really\n");
  CHECK(Message(WithTrace("comments.csv")) ==
        where + dir +
            "/comments.csv: no arrivals of contact type \"calls\" (0 rows, none of this type)");
  Write("header.csv", "time_s,contact_type\n");
  CHECK(Message(WithTrace("header.csv")).find("no arrivals of contact type \"calls\"") !=
        std::string::npos);
  Write("chats.csv", "1,chats\n2,chats\n");
  CHECK(Message(WithTrace("chats.csv")) ==
        where + dir + "/chats.csv: no arrivals of contact type \"calls\" (2 rows, none of this type)");
  std::filesystem::create_directories(TestDir() / "folder.csv");
  CHECK(Message(WithTrace("folder.csv")).find(
            "folder.csv: the arrival trace is not a regular file (a directory)") !=
        std::string::npos);
  CHECK(Message(WithTrace("/dev/zero")).find(
            "/dev/zero: the arrival trace is not a regular file (a character device)") !=
        std::string::npos);
  Write("calls.csv", "1,calls\n");
  CHECK(WithTrace("calls.csv").ok());
}

TEST_CASE("a trace longer than the listed-arrivals limit stops at the first row past it") {
  std::string text;
  text.reserve(5'000'001 * 8);
  for (int i = 0; i <= 5'000'000; ++i) text += "1,calls\n";
  absl::StatusOr<std::vector<TraceRow>> rows = ParseArrivalTrace("t.csv", text);
  CHECK(Message(rows) == "t.csv:5000001: more than 5000000 arrivals, the limit of a scenario");
}

}  // namespace
}  // namespace acd::sim
