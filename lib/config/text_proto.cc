#include "acd/text_proto.h"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"

namespace acd {
namespace {

namespace pb = google::protobuf;

// Keeps the first error the parser reports, with its position.
class FirstErrorCollector : public pb::io::ErrorCollector {
 public:
#if GOOGLE_PROTOBUF_VERSION >= 4022000
  void RecordError(int line, pb::io::ColumnNumber column, absl::string_view message) override {
    Keep(line, column, std::string(message));
  }
#else
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    Keep(line, column, message);
  }
#endif

  bool has_error() const { return has_error_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  void Keep(int line, int column, std::string message) {
    if (has_error_) return;
    has_error_ = true;
    line_ = line;
    column_ = column;
    message_ = std::move(message);
  }

  bool has_error_ = false;
  int line_ = 0;
  int column_ = 0;
  std::string message_;
};

struct PathPart {
  std::string field;
  int index = -1;  // -1: not repeated, or the whole repeated field
};

// "a.b[2].c" -> {a,-1} {b,2} {c,-1}; parts that do not parse end the path.
std::vector<PathPart> SplitPath(absl::string_view path) {
  std::vector<PathPart> parts;
  for (absl::string_view piece : absl::StrSplit(path, '.', absl::SkipEmpty())) {
    PathPart part;
    size_t bracket = piece.find('[');
    part.field = std::string(piece.substr(0, bracket));
    if (bracket != absl::string_view::npos) {
      absl::string_view index = piece.substr(bracket + 1);
      if (!index.empty() && index.back() == ']') index.remove_suffix(1);
      if (!absl::SimpleAtoi(index, &part.index)) break;
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace

struct TextProtoFile::Rep {
  std::string filename;
  const pb::Descriptor* descriptor = nullptr;
  pb::TextFormat::ParseInfoTree tree;
};

TextProtoFile::TextProtoFile(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
TextProtoFile::TextProtoFile(TextProtoFile&&) noexcept = default;
TextProtoFile& TextProtoFile::operator=(TextProtoFile&&) noexcept = default;
TextProtoFile::~TextProtoFile() = default;

const std::string& TextProtoFile::filename() const { return rep_->filename; }

TextProtoFile TextProtoFile::Unlocated(absl::string_view name) {
  auto rep = std::make_unique<Rep>();
  rep->filename = std::string(name);
  return TextProtoFile(std::move(rep));
}

absl::StatusOr<TextProtoFile> TextProtoFile::Parse(absl::string_view filename,
                                                   absl::string_view text, pb::Message& message) {
  auto rep = std::make_unique<Rep>();
  rep->filename = std::string(filename);
  rep->descriptor = message.GetDescriptor();
  FirstErrorCollector errors;
  pb::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&rep->tree);
  message.Clear();
  if (!parser.ParseFromString(std::string(text), &message)) {
    if (!errors.has_error()) {
      return absl::InvalidArgumentError(absl::StrCat(filename, ": could not be parsed"));
    }
    return absl::InvalidArgumentError(absl::StrCat(filename, ":", errors.line() + 1, ":",
                                                   errors.column() + 1, ": ", errors.message()));
  }
  return TextProtoFile(std::move(rep));
}

absl::StatusOr<TextProtoFile> TextProtoFile::ParseFile(const std::string& path,
                                                       pb::Message& message) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open file"));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::NotFoundError(absl::StrCat(path, ": cannot read file"));
  return Parse(path, text.str(), message);
}

std::string TextProtoFile::Where(absl::string_view path) const {
  const pb::Descriptor* descriptor = rep_->descriptor;
  const pb::TextFormat::ParseInfoTree* tree = &rep_->tree;
  pb::TextFormat::ParseLocation best{-1, -1};
  for (const PathPart& part : SplitPath(path)) {
    if (descriptor == nullptr || tree == nullptr) break;
    const pb::FieldDescriptor* field = descriptor->FindFieldByName(part.field);
    if (field == nullptr) break;
    // A repeated field named without an index points at its first element.
    int index = field->is_repeated() ? std::max(part.index, 0) : -1;
    pb::TextFormat::ParseLocation here = tree->GetLocation(field, index);
    if (here.line < 0) break;
    best = here;
    if (field->type() != pb::FieldDescriptor::TYPE_MESSAGE) break;
    descriptor = field->message_type();
    tree = tree->GetTreeForNested(field, index);
  }
  if (best.line < 0) return rep_->filename;
  return absl::StrCat(rep_->filename, ":", best.line + 1, ":", best.column + 1);
}

absl::Status TextProtoFile::Error(absl::string_view path, absl::string_view message) const {
  return absl::InvalidArgumentError(absl::StrCat(Where(path), ": ", path, ": ", message));
}

}  // namespace acd
