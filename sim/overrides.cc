#include "sim/overrides.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/status_macros.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace acd::sim {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Names listed in an error at most.
constexpr int kMaxListed = 12;

// One step of a path: a field name, maybe a subscript, and the path up to
// and including it (for errors).
struct Component {
  std::string field;
  std::optional<std::string> subscript;
  std::string path;
};

bool IsIdentifier(absl::string_view s) {
  if (s.empty() || absl::ascii_isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// Splits "a.b[k].c" into components. Errors name the path so far.
absl::StatusOr<std::vector<Component>> ParsePath(absl::string_view path) {
  std::vector<Component> out;
  size_t at = 0;
  while (true) {
    const size_t end = path.find_first_of(".[", at);
    Component component;
    component.field = std::string(path.substr(at, end == absl::string_view::npos ? end : end - at));
    size_t next = end;
    if (end != absl::string_view::npos && path[end] == '[') {
      const size_t close = path.find(']', end);
      if (close == absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat(path, ": '[' without a closing ']'"));
      }
      component.subscript = std::string(path.substr(end + 1, close - end - 1));
      next = close + 1;
      if (next < path.size() && path[next] != '.') {
        return absl::InvalidArgumentError(absl::StrCat(path.substr(0, next + 1),
                                                       ": expected '.' or the end after ']', not '",
                                                       path.substr(next, 1), "'"));
      }
    }
    component.path = std::string(path.substr(0, next));
    if (!IsIdentifier(component.field)) {
      return absl::InvalidArgumentError(absl::StrCat(
          component.path, ": '", component.field,
          "' is not a field name (letters, digits and '_', not starting with a digit)"));
    }
    if (component.subscript && component.subscript->empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(component.path, ": empty [] (give a name or an index)"));
    }
    out.push_back(std::move(component));
    if (next == absl::string_view::npos || next >= path.size()) break;
    at = next + 1;  // past the '.'
    if (at >= path.size()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": nothing after the last '.'"));
    }
  }
  return out;
}

std::string FieldNames(const Descriptor& type) {
  std::vector<std::string> names;
  for (int i = 0; i < type.field_count(); ++i) names.push_back(type.field(i)->name());
  return absl::StrJoin(names, ", ");
}

// The field that identifies an element of a repeated message, or nullptr.
const FieldDescriptor* KeyField(const Descriptor& type) {
  for (const char* name : {"name", "workgroup", "skill", "media"}) {
    const FieldDescriptor* field = type.FindFieldByName(name);
    if (field != nullptr && !field->is_repeated() &&
        (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING ||
         field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM)) {
      return field;
    }
  }
  return nullptr;
}

std::string KeyOf(const Message& element, const FieldDescriptor& key) {
  const Reflection& reflection = *element.GetReflection();
  if (key.cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    return reflection.GetEnum(element, &key)->name();
  }
  return reflection.GetString(element, &key);
}

// The index `subscript` picks in `field` (repeated) of `message`.
absl::StatusOr<int> ElementIndex(const Message& message, const FieldDescriptor& field,
                                 const Component& component) {
  const Reflection& reflection = *message.GetReflection();
  const int size = reflection.FieldSize(message, &field);
  std::string subscript = *component.subscript;
  // A quoted subscript is a key even when it is all digits: ["7"].
  const bool quoted = subscript.size() >= 2 && subscript.front() == '"' && subscript.back() == '"';
  if (quoted) subscript = subscript.substr(1, subscript.size() - 2);
  const bool digits = !quoted && std::all_of(subscript.begin(), subscript.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
  if (digits) {
    int index = -1;
    if (!absl::SimpleAtoi(subscript, &index) || index >= size) {
      return absl::InvalidArgumentError(
          absl::StrCat(component.path, ": index ", subscript, " is out of range: ", field.name(),
                       " has ", size, size == 1 ? " element" : " elements",
                       size > 0 ? absl::StrCat(" (0..", size - 1, ")") : ""));
    }
    return index;
  }
  const FieldDescriptor* key = field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE
                                   ? KeyField(*field.message_type())
                                   : nullptr;
  if (key == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(component.path, ": ", field.name(),
                     "'s elements have no name to look up: give an index (0..", size - 1, ")"));
  }
  int found = -1;
  std::vector<std::string> keys;
  for (int i = 0; i < size; ++i) {
    const std::string element_key = KeyOf(reflection.GetRepeatedMessage(message, &field, i), *key);
    if (element_key == subscript) {
      if (found >= 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(component.path, ": elements ", found, " and ", i, " of ", field.name(),
                         " both have ", key->name(), " \"", subscript, "\": give an index"));
      }
      found = i;
    }
    if (static_cast<int>(keys.size()) < kMaxListed)
      keys.push_back(absl::StrCat("\"", element_key, "\""));
  }
  if (found < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        component.path, ": no ", field.name(), " element has ", key->name(), " \"", subscript, "\"",
        size == 0 ? absl::StrCat(" (", field.name(), " is empty)")
                  : absl::StrCat(" (there are: ", absl::StrJoin(keys, ", "),
                                 size > kMaxListed ? ", ..." : "", ")")));
  }
  return found;
}

// An error unless `field` may be set in `message`: a oneof keeps the member
// it has.
absl::Status CheckOneof(const Message& message, const FieldDescriptor& field,
                        const Component& component) {
  const auto* oneof = field.containing_oneof();
  if (oneof == nullptr) return absl::OkStatus();
  const FieldDescriptor* set = message.GetReflection()->GetOneofFieldDescriptor(message, oneof);
  if (set == nullptr || set == &field) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      component.path, ": the ", oneof->name(), " here is ", set->name(), ", not ", field.name(),
      " (an override changes a value; it does not switch ", oneof->name(), ")"));
}

template <typename T>
absl::StatusOr<T> ParseInteger(absl::string_view value, const char* type) {
  T parsed{};
  if (!absl::SimpleAtoi(value, &parsed)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", value, "' is not a whole number that fits an ", type));
  }
  return parsed;
}

absl::StatusOr<double> ParseReal(absl::string_view value) {
  double parsed = 0;
  if (!absl::SimpleAtod(value, &parsed) || !std::isfinite(parsed)) {
    return absl::InvalidArgumentError(absl::StrCat("'", value, "' is not a finite number"));
  }
  return parsed;
}

// Sets `field` of `message` (element `index` when repeated) from `value`.
absl::Status SetScalar(Message& message, const FieldDescriptor& field, int index,
                       absl::string_view value) {
  const Reflection& r = *message.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      ACD_ASSIGN_OR_RETURN(const int32_t v, ParseInteger<int32_t>(value, "int32"));
      repeated ? r.SetRepeatedInt32(&message, &field, index, v) : r.SetInt32(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      ACD_ASSIGN_OR_RETURN(const int64_t v, ParseInteger<int64_t>(value, "int64"));
      repeated ? r.SetRepeatedInt64(&message, &field, index, v) : r.SetInt64(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      ACD_ASSIGN_OR_RETURN(const uint32_t v, ParseInteger<uint32_t>(value, "uint32"));
      repeated ? r.SetRepeatedUInt32(&message, &field, index, v) : r.SetUInt32(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      ACD_ASSIGN_OR_RETURN(const uint64_t v, ParseInteger<uint64_t>(value, "uint64"));
      repeated ? r.SetRepeatedUInt64(&message, &field, index, v) : r.SetUInt64(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      ACD_ASSIGN_OR_RETURN(const double v, ParseReal(value));
      repeated ? r.SetRepeatedDouble(&message, &field, index, v) : r.SetDouble(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      ACD_ASSIGN_OR_RETURN(const double v, ParseReal(value));
      const auto f = static_cast<float>(v);
      repeated ? r.SetRepeatedFloat(&message, &field, index, f) : r.SetFloat(&message, &field, f);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      if (value != "true" && value != "false") {
        return absl::InvalidArgumentError(absl::StrCat("'", value, "' is not true or false"));
      }
      repeated ? r.SetRepeatedBool(&message, &field, index, value == "true")
               : r.SetBool(&message, &field, value == "true");
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const EnumValueDescriptor* v = field.enum_type()->FindValueByName(std::string(value));
      if (v == nullptr) {
        std::vector<std::string> names;
        for (int i = 0; i < field.enum_type()->value_count(); ++i) {
          names.push_back(field.enum_type()->value(i)->name());
        }
        return absl::InvalidArgumentError(absl::StrCat("'", value, "' is not a value of ",
                                                       field.enum_type()->name(), " (",
                                                       absl::StrJoin(names, ", "), ")"));
      }
      repeated ? r.SetRepeatedEnum(&message, &field, index, v) : r.SetEnum(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? r.SetRepeatedString(&message, &field, index, std::string(value))
               : r.SetString(&message, &field, std::string(value));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return absl::InternalError("not a scalar field");
}

// Walks `components` from `message` and sets the last one to `value`.
absl::Status Apply(const std::vector<Component>& components, absl::string_view value,
                   Message& root) {
  Message* message = &root;
  for (size_t i = 0; i < components.size(); ++i) {
    const Component& component = components[i];
    const bool last = i + 1 == components.size();
    const Descriptor& type = *message->GetDescriptor();
    const FieldDescriptor* field = type.FindFieldByName(component.field);
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(component.path, ": ", type.full_name(),
                                                     " has no field '", component.field,
                                                     "' (its fields: ", FieldNames(type), ")"));
    }
    const bool is_message = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    int index = -1;
    if (field->is_repeated()) {
      if (!component.subscript) {
        return absl::InvalidArgumentError(
            absl::StrCat(component.path, ": a list; say which element: ",
                         is_message && KeyField(*field->message_type()) != nullptr
                             ? absl::StrCat(field->name(), "[",
                                            KeyField(*field->message_type())->name(), "] or ")
                             : "",
                         field->name(), "[INDEX]"));
      }
      ACD_ASSIGN_OR_RETURN(index, ElementIndex(*message, *field, component));
    } else if (component.subscript) {
      return absl::InvalidArgumentError(
          absl::StrCat(component.path, ": ", field->name(), " is not a list: no [...] after it"));
    }
    if (is_message && last) {
      return absl::InvalidArgumentError(absl::StrCat(
          component.path, ": a message (", field->message_type()->name(),
          "), not a value: name one of its fields (", FieldNames(*field->message_type()), ")"));
    }
    if (!is_message && !last) {
      return absl::InvalidArgumentError(
          absl::StrCat(component.path, ": a value, not a message: nothing can follow it"));
    }
    ACD_RETURN_IF_ERROR(CheckOneof(*message, *field, component));
    const Reflection& reflection = *message->GetReflection();
    if (!is_message) {
      const absl::Status set = SetScalar(*message, *field, index, value);
      if (!set.ok())
        return absl::InvalidArgumentError(absl::StrCat(component.path, ": ", set.message()));
      return absl::OkStatus();
    }
    message = index >= 0 ? reflection.MutableRepeatedMessage(message, field, index)
                         : reflection.MutableMessage(message, field);
  }
  return absl::OkStatus();
}

absl::Status ApplyTo(absl::string_view text, Message& message) {
  const size_t equals = text.find('=');
  if (equals == absl::string_view::npos) {
    return absl::InvalidArgumentError("not PATH=VALUE (no '=')");
  }
  const absl::string_view path = text.substr(0, equals);
  if (path.empty()) return absl::InvalidArgumentError("no PATH before '='");
  ACD_ASSIGN_OR_RETURN(const std::vector<Component> components, ParsePath(path));
  return Apply(components, text.substr(equals + 1), message);
}

}  // namespace

absl::Status ApplyOverride(absl::string_view text, Message& message) {
  return ApplyOverrides({std::string(text)}, message);
}

absl::Status ApplyOverrides(const std::vector<std::string>& texts, Message& message) {
  std::unique_ptr<Message> copy(message.New());
  copy->CopyFrom(message);
  for (const std::string& text : texts) {
    if (absl::Status status = ApplyTo(text, *copy); !status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--set '", text, "': ", status.message()));
    }
  }
  message.GetReflection()->Swap(&message, copy.get());
  return absl::OkStatus();
}

}  // namespace acd::sim
