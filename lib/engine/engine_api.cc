// The public acd::Engine (acd/engine.h): a handle on an Engine::Impl, which
// Create builds (and Restore, from a snapshot); every method forwards.

#include <memory>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/engine.h"
#include "acd/status_macros.h"
#include "lib/engine/bounds.h"
#include "lib/engine/center.h"
#include "lib/engine/engine_impl.h"

namespace acd {

using internal::Center;

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(const CenterConfig& config, Time start) {
  ACD_RETURN_IF_ERROR(internal::CheckTime(start, "start"));
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(config));
  return std::unique_ptr<Engine>(new Engine(std::make_unique<Impl>(std::move(center), start)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

void Engine::SetObserver(Observer* observer) { impl_->SetObserver(observer); }
absl::Status Engine::Apply(const Command& command) { return impl_->Apply(command); }
absl::Status Engine::AdvanceTo(Time now) { return impl_->AdvanceTo(now); }
Time Engine::NextDeadline() const { return impl_->NextDeadline(); }
Time Engine::now() const { return impl_->now(); }
const CenterConfig& Engine::config() const { return impl_->center().config(); }
int64_t Engine::live_interactions() const { return impl_->live_interactions(); }

namespace {

template <typename IdT>
absl::StatusOr<IdT> Named(IdT id, absl::string_view kind, absl::string_view name) {
  if (!id.valid()) return absl::NotFoundError(absl::StrCat(kind, " \"", name, "\": unknown"));
  return id;
}

}  // namespace

absl::StatusOr<AgentId> Engine::FindAgent(absl::string_view name) const {
  return Named(impl_->center().FindAgent(name), "agent", name);
}
absl::StatusOr<WorkgroupId> Engine::FindWorkgroup(absl::string_view name) const {
  return Named(impl_->center().FindWorkgroup(name), "workgroup", name);
}
absl::StatusOr<StatusId> Engine::FindStatus(absl::string_view name) const {
  return Named(impl_->center().FindStatus(name), "status", name);
}
absl::StatusOr<SkillId> Engine::FindSkill(absl::string_view name) const {
  return Named(impl_->center().FindSkill(name), "skill", name);
}

absl::StatusOr<InteractionView> Engine::GetInteraction(InteractionId id) const {
  return impl_->GetInteraction(id);
}
absl::StatusOr<AgentView> Engine::GetAgent(AgentId id) const { return impl_->GetAgent(id); }
absl::StatusOr<WorkgroupCounters> Engine::GetWorkgroupCounters(WorkgroupId id) const {
  return impl_->GetWorkgroupCounters(id);
}
void Engine::SetDecisionRecords(bool on) { impl_->SetDecisionRecords(on); }
bool Engine::decision_records() const { return impl_->decision_records(); }
absl::StatusOr<WaitReason> Engine::GetWaitReason(InteractionId id) const {
  return impl_->GetWaitReason(id);
}
absl::StatusOr<int64_t> Engine::GetPosition(InteractionId id) const {
  return impl_->GetPosition(id);
}
absl::StatusOr<Duration> Engine::EstimateWaitPureConnect(InteractionId id) const {
  return impl_->EstimateWaitPureConnect(id);
}
absl::StatusOr<Duration> Engine::EstimateWaitPureConnectSigned(InteractionId id) const {
  return impl_->EstimateWaitPureConnectSigned(id);
}
absl::StatusOr<Duration> Engine::EstimateWait(InteractionId id) const {
  return impl_->EstimateWait(id);
}
absl::StatusOr<WorkgroupStats> Engine::GetWorkgroupStats(WorkgroupId id) const {
  return impl_->GetWorkgroupStats(id);
}

}  // namespace acd
