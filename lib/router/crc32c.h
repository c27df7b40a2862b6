// lib/router/crc32c.h: CRC-32C (Castagnoli), the journal's record checksum.
//
// Polynomial 0x1EDC6F41 (reflected 0x82F63B78), initial value and final xor
// 0xFFFFFFFF: the CRC of iSCSI, ext4 and LevelDB. Table-driven, one byte at a
// time; fast enough for a journal that writes a few hundred bytes per
// command. `Extend` continues a CRC over more bytes, so
// Extend(Crc32c(a), b) == Crc32c(a + b).
//
// Example:
//
//   uint32_t crc = Crc32c("123456789");   // 0xE3069283
//
// Thread safety: pure functions over a constant table.

#ifndef ACD_LIB_ROUTER_CRC32C_H_
#define ACD_LIB_ROUTER_CRC32C_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace acd::router_internal {

uint32_t Crc32cExtend(uint32_t crc, absl::string_view data);

inline uint32_t Crc32c(absl::string_view data) { return Crc32cExtend(0, data); }

}  // namespace acd::router_internal

#endif  // ACD_LIB_ROUTER_CRC32C_H_
