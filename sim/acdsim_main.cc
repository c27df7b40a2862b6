// acdsim: the command-line simulator.
//
//   acdsim run [SCENARIO] [--replications N] [--seed S] [--threads T] [--json FILE]
//              [--csv DIR] [--trace FILE]
//
// Runs a scenario (the shipped default when none is given) through the acd
// engine and prints its KPIs per workgroup. Exit status: 0 on success, 1 when
// the scenario cannot be loaded or run, 2 for a bad command line.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "acd/format.h"
#include "fmt/format.h"
#include "sim/default_scenario.h"
#include "sim/progress.h"
#include "sim/runner.h"
#include "sim/scenario.h"

namespace {

constexpr char kUsage[] = R"(acdsim: simulate a contact center through the acd routing engine.

Usage:
  acdsim run [SCENARIO] [--replications N] [--seed S] [--threads T] [--json FILE]
             [--csv DIR] [--trace FILE]
  acdsim --help

Commands:
  run             Run SCENARIO, a text file following acd/proto/scenario.proto
                  (see scenarios/README.md). Without SCENARIO, runs the shipped
                  default scenario (scenarios/default.txtpb, compiled in).
                  Prints a table of KPIs per workgroup: each a mean over the
                  replications with the half-width of its 95 % Student-t
                  confidence interval.

Flags (for run; "--flag value" and "--flag=value" both work):
  --replications N   Independent replications to run (1..100000); overrides
                     the scenario's `replications`. Replication r always uses
                     random substream r, so results do not depend on how the
                     run is split.
  --seed S           Seed of every random stream (0..2^64-1); overrides the
                     scenario's `seed`. Same scenario and seed, same results,
                     byte for byte.
  --threads T        Run replications on T threads (1..256, default 1). The
                     results are byte-identical for every T.
  --json FILE        Also write the KPIs as JSON to FILE ("-" for standard
                     output): {"total": {...}, "workgroups": {"<name>": {...}},
                     "contact_types": {...}}, each KPI as {"mean": x, "ci95": h}.
  --csv DIR          Also write, in DIR (created if needed), intervals.csv
                     (one row per workgroup and reporting interval),
                     contact_type_intervals.csv and total_intervals.csv,
                     with every KPI's mean and 95 % half-width.
  --trace FILE       Also write replication 0's event trace to FILE as JSON
                     Lines: time, event, contact, contact type, workgroup,
                     agent, and details (see sim/trace.h).
  -h, --help         Show this help.

On a terminal, a progress line with an estimate of the time left is shown on
standard error once a run has taken more than a second.

Exit status: 0 on success, 1 if the scenario cannot be read, is invalid or
fails to run, 2 for a bad command line.
)";

struct Args {
  std::optional<std::string> scenario;
  acd::sim::RunOptions options;
  std::optional<std::string> json;
  std::optional<std::string> csv;
  std::optional<std::string> trace;
};

int UsageError(const std::string& message) {
  fmt::print(stderr, "acdsim: {} (see 'acdsim --help')\n", message);
  return 2;
}

// Parses the arguments after "run". Returns an exit code on error.
std::optional<int> ParseRunArgs(const std::vector<std::string>& argv, Args& args) {
  for (size_t i = 0; i < argv.size(); ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      if (args.scenario) return UsageError(fmt::format("unexpected argument '{}'", arg));
      args.scenario = arg;
      continue;
    }
    std::string value;
    const size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (arg == "--replications" || arg == "--seed" || arg == "--json" ||
               arg == "--threads" || arg == "--csv" || arg == "--trace") {
      if (i + 1 >= argv.size()) return UsageError(fmt::format("{} needs a value", arg));
      value = argv[++i];
    }
    if (arg == "--replications") {
      int n = 0;
      if (!absl::SimpleAtoi(value, &n) || n < 1 || n > 100000) {
        return UsageError(fmt::format("--replications: '{}' is not a count in 1..100000", value));
      }
      args.options.replications = n;
    } else if (arg == "--seed") {
      uint64_t seed = 0;
      if (!absl::SimpleAtoi(value, &seed)) {
        return UsageError(fmt::format("--seed: '{}' is not an integer in 0..2^64-1", value));
      }
      args.options.seed = seed;
    } else if (arg == "--threads") {
      int threads = 0;
      if (!absl::SimpleAtoi(value, &threads) || threads < 1 || threads > 256) {
        return UsageError(fmt::format("--threads: '{}' is not a count in 1..256", value));
      }
      args.options.threads = threads;
    } else if (arg == "--trace") {
      if (value.empty()) return UsageError("--trace needs a file name");
      args.trace = value;
    } else if (arg == "--csv") {
      if (value.empty()) return UsageError("--csv needs a directory");
      args.csv = value;
    } else if (arg == "--json") {
      if (value.empty()) return UsageError("--json needs a file name");
      args.json = value;
    } else {
      return UsageError(fmt::format("unknown flag '{}'", arg));
    }
  }
  return std::nullopt;
}

int Run(const Args& args) {
  absl::StatusOr<acd::sim::Scenario> scenario =
      args.scenario
          ? acd::sim::LoadScenarioFile(*args.scenario)
          : acd::sim::LoadScenario(acd::sim::kDefaultScenarioName, acd::sim::DefaultScenarioText());
  if (!scenario.ok()) {
    fmt::print(stderr, "acdsim: {}\n", scenario.status().message());
    return 1;
  }
  std::string trace;
  acd::sim::RunOptions options = args.options;
  if (args.trace) options.trace = &trace;
  // A progress line on a terminal, once the run has taken a second.
  const int total = options.replications.value_or(scenario->replications);
  const auto start = std::chrono::steady_clock::now();
  std::atomic<int> done{0};
  std::atomic<bool> shown{false};
  if (isatty(STDERR_FILENO)) {
    options.on_replication_done = [&] {
      // Relaxed: the count only feeds a display; each call prints once.
      const int finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (elapsed < 1.0) return;
      shown.store(true, std::memory_order_relaxed);
      fmt::print(stderr, "\r{}", acd::sim::ProgressLine(finished, total, elapsed));
    };
  }
  absl::StatusOr<acd::sim::Report> report = acd::sim::RunScenario(*scenario, options);
  if (shown.load(std::memory_order_relaxed)) fmt::print(stderr, "\n");
  if (!report.ok()) {
    fmt::print(stderr, "acdsim: {}\n", report.status().message());
    return 1;
  }
  fmt::print("{}", acd::sim::FormatTable(*report));
  if (args.json) {
    const std::string json = acd::sim::FormatJson(*report);
    if (*args.json == "-") {
      fmt::print("{}", json);
    } else {
      std::ofstream out(*args.json, std::ios::binary | std::ios::trunc);
      out << json;
      out.close();
      if (!out) {
        fmt::print(stderr, "acdsim: {}: cannot write the JSON report\n", *args.json);
        return 1;
      }
    }
  }
  if (args.trace) {
    std::ofstream out(*args.trace, std::ios::binary | std::ios::trunc);
    out << trace;
    out.close();
    if (!out) {
      fmt::print(stderr, "acdsim: {}: cannot write the trace\n", *args.trace);
      return 1;
    }
  }
  if (args.csv) {
    std::error_code error;
    std::filesystem::create_directories(*args.csv, error);
    using acd::sim::IntervalSlice;
    for (const auto& [file, slice] :
         {std::pair{"intervals.csv", IntervalSlice::kWorkgroups},
          std::pair{"contact_type_intervals.csv", IntervalSlice::kContactTypes},
          std::pair{"total_intervals.csv", IntervalSlice::kTotal}}) {
      const std::string path = (std::filesystem::path(*args.csv) / file).string();
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << acd::sim::FormatIntervalCsv(*report, slice);
      out.close();
      if (error || !out) {
        fmt::print(stderr, "acdsim: {}: cannot write the CSV report\n", path);
        return 1;
      }
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    fmt::print(stderr, "{}", kUsage);
    return 2;
  }
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    fmt::print("{}", kUsage);
    return 0;
  }
  if (args[0] != "run") return UsageError(fmt::format("unknown command '{}'", args[0]));
  Args parsed;
  if (std::optional<int> exit_code =
          ParseRunArgs(std::vector<std::string>(args.begin() + 1, args.end()), parsed)) {
    return *exit_code;
  }
  return Run(parsed);
}
