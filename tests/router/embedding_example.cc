// The README's "Embedding in a server" example, compiled and run as a test;
// embedding_readme_test.cc checks that the README shows this text.

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "doctest/doctest.h"

// [embedding-example]
#include "acd/journal.h"
#include "acd/router.h"
#include "acd/status_macros.h"

// Serves one center: recovers it from its journal, routes a call that a
// telephony thread reports, and returns how many offers the desktops got.
absl::StatusOr<int> ServeCenter(const acd::CenterConfig& center, const std::string& journal_path) {
  // Recover whatever the last run journaled (nothing, the first time), then
  // keep appending to the same file.
  absl::StatusOr<std::string> previous = acd::ReadFileToString(journal_path);
  ACD_ASSIGN_OR_RETURN(acd::Recovered recovered,
                       acd::Recover(center, previous.ok() ? *previous : ""));
  ACD_ASSIGN_OR_RETURN(auto sink, acd::OpenJournalFile(journal_path, recovered.valid_bytes));
  acd::JournalWriter journal(std::move(sink), center, {}, recovered.next_sequence);
  ACD_ASSIGN_OR_RETURN(acd::AgentId ann, recovered.engine->FindAgent("ann"));
  ACD_ASSIGN_OR_RETURN(acd::WorkgroupId support, recovered.engine->FindWorkgroup("Support"));

  // One thread per engine; commands are stamped with the server's clock.
  acd::SystemClock clock;
  std::vector<acd::HostedEngine> engines;
  engines.push_back({.engine = std::move(recovered.engine), .journal = &journal});
  ACD_ASSIGN_OR_RETURN(std::unique_ptr<acd::Router> router,
                       acd::Router::Create({.clock = &clock}, std::move(engines)));

  // Any thread submits. A full queue says ResourceExhausted at once; each
  // accepted command's result comes back once, on the engine thread, after
  // it is journaled.
  std::atomic<int> failures{0};
  auto check = [&failures](const acd::CommandResult& result) {
    if (!result.status.ok()) failures.fetch_add(1);
  };
  std::thread desktop([&] { (void)router->Submit(0, acd::LogIn{.agent = ann}, check); });
  desktop.join();
  std::thread telephony([&] {
    (void)router->Submit(
        0, acd::Arrive{.interaction = acd::InteractionId(42), .workgroup = support}, check);
  });
  telephony.join();

  // Stop applies what is queued and flushes the journal. (A real server
  // drains decisions continuously, from any thread, while it runs.)
  router->Stop();
  int offers = 0;
  router->PollDecisions(0, [&offers](const acd::Decision& decision) {
    if (std::holds_alternative<acd::OfferEvent>(decision.event)) ++offers;
  });
  if (failures.load() > 0) return absl::InternalError("a command was rejected");
  return offers;
}
// [embedding-example]

namespace {

TEST_CASE("the embedding example routes a call and leaves a journal that recovers it") {
  acd::CenterConfig center;
  center.workgroups.push_back({.name = "Support"});
  center.agents.push_back({.name = "ann", .workgroups = {{.workgroup = "Support"}}});
  const std::string path =
      (std::filesystem::temp_directory_path() / "acd_embedding_example.journal").string();
  std::filesystem::remove(path);
  absl::StatusOr<int> offers = ServeCenter(center, path);
  REQUIRE(offers.ok());
  CHECK(*offers == 1);
  absl::StatusOr<acd::Recovered> again = acd::Recover(center, *acd::ReadFileToString(path));
  REQUIRE(again.ok());
  CHECK(again->records_replayed == 2);
  CHECK(again->engine->GetInteraction(acd::InteractionId(42))->state ==
        acd::InteractionState::kAlerting);
  std::filesystem::remove(path);
}

}  // namespace
