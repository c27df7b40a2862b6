// lib/router/journal_format.h: the journal's framing, shared by the writer
// and the reader (the format itself is described in acd/journal.h).
//
// Thread safety: constants and pure functions.

#ifndef ACD_LIB_ROUTER_JOURNAL_FORMAT_H_
#define ACD_LIB_ROUTER_JOURNAL_FORMAT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace acd::router_internal {

inline constexpr absl::string_view kJournalMagic = "ACDJRNL1";
// length, crc of the length, crc of the payload.
inline constexpr int64_t kRecordHeaderBytes = 12;
// Larger payloads are corruption: no command comes near it.
inline constexpr uint32_t kMaxRecordBytes = 16u << 20;

inline void PutFixed32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

inline uint32_t GetFixed32(absl::string_view in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << (8 * i);
  return v;
}

}  // namespace acd::router_internal

#endif  // ACD_LIB_ROUTER_JOURNAL_FORMAT_H_
