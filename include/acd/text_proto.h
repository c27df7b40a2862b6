// acd/text_proto.h: protobuf text files with errors that say where.
//
// Configuration and scenarios are protobuf text-format files (`.txtpb`).
// `TextProtoFile::Parse` reads one into a message, rejecting unknown fields,
// and keeps the position of every field it read, so that checks made after
// parsing can still point at the line: `Error("workgroups[1].wrap_up_s", ...)`
// gives `center.txtpb:14:5: workgroups[1].wrap_up_s: ...`.
//
// Example:
//
//   acd::proto::CenterConfig message;
//   absl::StatusOr<acd::TextProtoFile> file =
//       acd::TextProtoFile::Parse("center.txtpb", text, message);
//   if (!file.ok()) return file.status();   // "center.txtpb:3:7: ..."
//   if (message.workgroups().empty())
//     return file->Error("workgroups", "at least one is required");
//
// Field paths are dotted field names with `[i]` after repeated fields. A path
// whose last fields were not written in the text (defaults) points at the
// closest enclosing field that was; one with no written field at all points at
// the file itself.
//
// Thread safety: a parsed file is immutable; const methods may be called from
// any thread.

#ifndef ACD_TEXT_PROTO_H_
#define ACD_TEXT_PROTO_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace google::protobuf {
class Message;
}  // namespace google::protobuf

namespace acd {

class TextProtoFile {
 public:
  // Parses `text` into `message` (cleared first). InvalidArgument
  // "<filename>:<line>:<column>: <what>" on a syntax error, an unknown field,
  // or a value of the wrong type.
  static absl::StatusOr<TextProtoFile> Parse(absl::string_view filename, absl::string_view text,
                                             google::protobuf::Message& message);

  // Reads the file at `path` and parses it; NotFound if it cannot be read.
  static absl::StatusOr<TextProtoFile> ParseFile(const std::string& path,
                                                 google::protobuf::Message& message);
  // A source without positions (a binary record, say): errors read
  // "<name>: <path>: <message>".
  static TextProtoFile Unlocated(absl::string_view name);

  TextProtoFile(TextProtoFile&&) noexcept;
  TextProtoFile& operator=(TextProtoFile&&) noexcept;
  ~TextProtoFile();

  // "<filename>:<line>:<column>" of the field at `path` (1-based), or the
  // file name alone if no part of the path was written.
  std::string Where(absl::string_view path) const;

  // InvalidArgument "<Where(path)>: <path>: <message>".
  absl::Status Error(absl::string_view path, absl::string_view message) const;

  const std::string& filename() const;

 private:
  struct Rep;
  explicit TextProtoFile(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace acd

#endif  // ACD_TEXT_PROTO_H_
