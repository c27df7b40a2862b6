// The internal record of one live interaction: what the engine knows of
// it, the fields of acd/interaction_fields.h that a snapshot keeps, and
// where the indexes keep it (group, bucket, heap and list positions, the
// order key), which Restore derives again. Only the engine's components
// write it: the waiting index its positions, the command layer the rest.

#ifndef ACD_LIB_ENGINE_INTERACTION_RECORD_H_
#define ACD_LIB_ENGINE_INTERACTION_RECORD_H_

#include <cstdint>

#include "acd/interaction_fields.h"

namespace acd {
namespace internal {

// Where the indexes keep a live interaction.
struct RecordPlace {
  // Its requirement group (its workgroup, media, requirements and tiers).
  uint32_t group = 0;
  // While waiting: its static tier (bucket) and place in that bucket's heap.
  uint32_t bucket = 0;
  uint32_t heap_position = 0;
  // While `reserved`, the preferred-agent window is open: the interaction
  // waits outside its group, in its workgroup's and its agent's reserved
  // lists, at these positions.
  uint32_t reserved_position = 0;
  uint32_t preferred_position = 0;
  bool reserved = false;
  // While waiting: the in-group order key (higher first).
  double order_key = 0;
};

// The place first: the heaps' comparison (order key, queue time, id) then
// reads the record's first 80 bytes, as it did before the fields were
// listed apart.
struct InteractionRecord : RecordPlace, InteractionFields {};

}  // namespace internal
}  // namespace acd

#endif  // ACD_LIB_ENGINE_INTERACTION_RECORD_H_
