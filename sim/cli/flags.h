// sim/cli/flags.h: the command line of one acdsim subcommand.
//
// A `FlagSet` is filled by the modules that own the flags (each registers
// its own, sim/cli/common_flags.h for the shared ones), parses the arguments
// after the subcommand's name, and writes the subcommand's help from the same
// registrations, so the help always lists exactly the flags that exist.
//
// Example:
//
//   acd::sim::cli::FlagSet flags("run");
//   int threads = 1;
//   flags.AddValue("--threads", "T", "Run on T threads.", [&](const std::string& v) {
//     return acd::sim::cli::ParseInt(v, 1, 256, &threads);
//   });
//   absl::Status parsed = flags.Parse(args);   // "--threads: 'x' is not ..." on error
//
// "--flag value" and "--flag=value" both work; an argument that does not
// start with "--" (nor is a flag's short name) is positional; "-h" and "--help" ask for help.
//
// Thread safety: none; used on the main thread.

#ifndef ACD_SIM_CLI_FLAGS_H_
#define ACD_SIM_CLI_FLAGS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace acd::sim::cli {

class FlagSet {
 public:
  // Sets a flag's value; an error's message says what is wrong with it.
  using Setter = std::function<absl::Status(const std::string& value)>;

  explicit FlagSet(std::string command) : command_(std::move(command)) {}

  // A flag with a value, shown in the help as "--name VALUE_NAME".
  void AddValue(std::string name, std::string value_name, std::string help, Setter set);
  // A flag without a value.
  void AddSwitch(std::string name, std::string help, std::function<void()> set);
  // Also accept `short_name` ("-o") for the flag `name`, added before.
  void AddShortName(const std::string& name, std::string short_name);
  // Positional arguments, in order: `name` takes from `min` to `max` of them.
  void AddPositional(std::string name, std::string help, int min, int max, Setter add);

  // Applies `args`. InvalidArgument with a one-line message for an unknown
  // flag, a missing or bad value, or positional arguments too few or too
  // many. Stops at "-h"/"--help" (see help_requested).
  absl::Status Parse(const std::vector<std::string>& args);
  bool help_requested() const { return help_requested_; }

  // "acdsim <command> [NAME]... [flags]".
  std::string Usage() const;
  // Every positional argument and flag with its help, wrapped at 79
  // columns.
  std::string Help() const;

 private:
  struct Flag {
    std::string name;
    std::string short_name;  // "-o", or empty
    std::string value_name;  // empty for a switch
    std::string help;
    Setter set;
    std::function<void()> set_switch;
  };
  struct Positional {
    std::string name;
    std::string help;
    int min = 0;
    int max = 0;
    Setter add;
  };

  const Flag* Find(const std::string& name) const;

  std::string command_;
  std::vector<Flag> flags_;
  std::vector<Positional> positionals_;
  bool help_requested_ = false;
};

// `text` wrapped at 79 columns, with a final line break.
std::string Paragraph(const std::string& text);

// Value parsers for Setters: InvalidArgument "'<value>' is not ..." on error.
absl::Status ParseInt(const std::string& value, int64_t min, int64_t max, int* out);
absl::Status ParseUint64(const std::string& value, uint64_t* out);
// A Setter storing a non-empty value (a path) in `out`; `what` it must be
// ("a file name") says what an empty one lacks.
FlagSet::Setter StoreNonEmpty(std::optional<std::string>& out, std::string what);

}  // namespace acd::sim::cli

#endif  // ACD_SIM_CLI_FLAGS_H_
