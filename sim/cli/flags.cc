#include "sim/cli/flags.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace acd::sim::cli {
namespace {

constexpr size_t kHelpColumn = 21;
constexpr size_t kWidth = 79;

// `text` wrapped to kWidth, every line but the first indented to `column`,
// where the first starts; a line break in `text` is kept.
std::string Wrap(const std::string& text, size_t column) {
  std::string out;
  const std::string indent(column, ' ');
  bool first_line = true;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!first_line) out += "\n" + indent;
    first_line = false;
    size_t at = column;
    bool first_word = true;
    for (absl::string_view word : absl::StrSplit(line, ' ', absl::SkipEmpty())) {
      if (!first_word && at + 1 + word.size() > kWidth) {
        out += "\n" + indent;
        at = column;
      } else if (!first_word) {
        out += ' ';
        ++at;
      }
      absl::StrAppend(&out, word);
      at += word.size();
      first_word = false;
    }
  }
  return out;
}

// "  <left>" padded to the help column, then the wrapped help.
std::string Entry(const std::string& left, const std::string& help) {
  std::string line = "  " + left;
  if (line.size() + 1 > kHelpColumn) {
    line += "\n" + std::string(kHelpColumn, ' ');
  } else {
    line += std::string(kHelpColumn - line.size(), ' ');
  }
  return line + Wrap(help, kHelpColumn) + "\n";
}

}  // namespace

void FlagSet::AddValue(std::string name, std::string value_name, std::string help, Setter set) {
  flags_.push_back(
      {std::move(name), "", std::move(value_name), std::move(help), std::move(set), {}});
}

void FlagSet::AddSwitch(std::string name, std::string help, std::function<void()> set) {
  flags_.push_back({std::move(name), "", "", std::move(help), {}, std::move(set)});
}

void FlagSet::AddShortName(const std::string& name, std::string short_name) {
  for (Flag& flag : flags_) {
    if (flag.name == name) flag.short_name = std::move(short_name);
  }
}

void FlagSet::AddPositional(std::string name, std::string help, int min, int max, Setter add) {
  positionals_.push_back({std::move(name), std::move(help), min, max, std::move(add)});
}

const FlagSet::Flag* FlagSet::Find(const std::string& name) const {
  for (const Flag& flag : flags_) {
    if (flag.name == name || (!flag.short_name.empty() && flag.short_name == name)) return &flag;
  }
  return nullptr;
}

absl::Status FlagSet::Parse(const std::vector<std::string>& args) {
  std::vector<int> taken(positionals_.size(), 0);
  size_t positional = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "-h" || arg == "--help") {
      help_requested_ = true;
      return absl::OkStatus();
    }
    if ((arg.rfind("--", 0) != 0 || arg == "--" || arg == "-") && Find(arg) == nullptr) {
      while (positional < positionals_.size() &&
             taken[positional] >= positionals_[positional].max) {
        ++positional;
      }
      if (positional == positionals_.size()) {
        return absl::InvalidArgumentError(absl::StrCat("unexpected argument '", arg, "'"));
      }
      const Positional& p = positionals_[positional];
      if (absl::Status added = p.add(arg); !added.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(p.name, ": ", added.message()));
      }
      ++taken[positional];
      continue;
    }
    std::string value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    const Flag* flag = Find(arg);
    if (flag == nullptr)
      return absl::InvalidArgumentError(absl::StrCat("unknown flag '", arg, "'"));
    if (flag->value_name.empty()) {
      if (has_value) return absl::InvalidArgumentError(absl::StrCat(arg, " takes no value"));
      flag->set_switch();
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size())
        return absl::InvalidArgumentError(absl::StrCat(arg, " needs a value"));
      value = args[++i];
    }
    if (absl::Status set = flag->set(value); !set.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(arg, ": ", set.message()));
    }
  }
  for (size_t p = 0; p < positionals_.size(); ++p) {
    if (taken[p] < positionals_[p].min) {
      return absl::InvalidArgumentError(absl::StrCat("missing ", positionals_[p].name));
    }
  }
  return absl::OkStatus();
}

std::string FlagSet::Usage() const {
  std::string out = absl::StrCat("acdsim ", command_);
  for (const Positional& p : positionals_) {
    if (p.min == 0) {
      absl::StrAppend(&out, " [", p.name, p.max > 1 ? "..." : "", "]");
    } else {
      absl::StrAppend(&out, " ", p.name, p.max > 1 ? "..." : "");
    }
  }
  return out + " [flags]";
}

std::string FlagSet::Help() const {
  std::string out;
  for (const Positional& p : positionals_) out += Entry(p.name + (p.max > 1 ? "..." : ""), p.help);
  for (const Flag& flag : flags_) {
    const std::string name =
        flag.short_name.empty() ? flag.name : absl::StrCat(flag.short_name, ", ", flag.name);
    out += Entry(flag.value_name.empty() ? name : name + " " + flag.value_name, flag.help);
  }
  return out;
}

std::string Paragraph(const std::string& text) { return Wrap(text, 0) + "\n"; }

absl::Status ParseInt(const std::string& value, int64_t min, int64_t max, int* out) {
  int64_t n = 0;
  if (!absl::SimpleAtoi(value, &n) || n < min || n > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", value, "' is not a count in ", min, "..", max));
  }
  *out = static_cast<int>(n);
  return absl::OkStatus();
}

absl::Status ParseUint64(const std::string& value, uint64_t* out) {
  if (!absl::SimpleAtoi(value, out)) {
    return absl::InvalidArgumentError(absl::StrCat("'", value, "' is not an integer in 0..2^64-1"));
  }
  return absl::OkStatus();
}

FlagSet::Setter StoreNonEmpty(std::optional<std::string>& out, std::string what) {
  return [&out, what = std::move(what)](const std::string& value) {
    if (value.empty()) return absl::InvalidArgumentError(absl::StrCat("needs ", what));
    out = value;
    return absl::OkStatus();
  };
}

}  // namespace acd::sim::cli
