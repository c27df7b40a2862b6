// acd/media.h: the kinds of interaction the engine routes.
//
// PureConnect routes eight media. All are routed by the same rules; each has
// its own utilization share, and callbacks, work items and generic objects
// have lifecycles of their own (docs/design.md 3.4, 3.8; acd/commands.h).
//
//   acd::MediaType m = acd::MediaType::kChat;
//   acd::MediaName(m);        // "chat"
//   acd::ParseMediaType("email");   // MediaType::kEmail

#ifndef ACD_MEDIA_H_
#define ACD_MEDIA_H_

#include <array>
#include <cstdint>
#include <optional>

#include "absl/strings/string_view.h"

namespace acd {

enum class MediaType : uint8_t {
  kCall,
  kCallback,
  kChat,
  kEmail,
  kWorkItem,
  kGeneric,
  kSocial,
  kSms,
};

inline constexpr int kMediaTypeCount = 8;

inline constexpr std::array<MediaType, kMediaTypeCount> kAllMediaTypes = {
    MediaType::kCall,     MediaType::kCallback, MediaType::kChat,   MediaType::kEmail,
    MediaType::kWorkItem, MediaType::kGeneric,  MediaType::kSocial, MediaType::kSms,
};

// Lower-case name, as used in configuration files and reports.
absl::string_view MediaName(MediaType media);

// The media named `name` (as MediaName spells it), or nullopt.
std::optional<MediaType> ParseMediaType(absl::string_view name);

}  // namespace acd

#endif  // ACD_MEDIA_H_
