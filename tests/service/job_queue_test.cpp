// The queue's guarantees, against a real redis-server: a job is run under a lease;
// only the lease holder records an outcome (so a job completes once, even when a
// slow worker and its replacement both finish); failures are retried and then
// dead-lettered; crashes count as attempts; cancels reach queued and running jobs.
#include "job_queue.hpp"
#include "job_store.hpp"
#include "redis_server.hpp"
#include "temp_dir.hpp"
#include "wait_until.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace reelflow::service {
namespace {

using testing::RedisServer;
using testing::TempDir;
using testing::wait_until;

class JobQueueTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("reelflow-queue-test");
    redis_ = new RedisServer(dir_->path() / "redis");
  }
  static void TearDownTestSuite() {
    delete redis_;
    delete dir_;
  }

  void SetUp() override { store_.ensure_queue(); }

  // Each test gets its own key prefix on the shared server.
  static JobKeys test_keys() {
    return JobKeys{std::string("t-") + ::testing::UnitTest::GetInstance()->current_test_info()->name()};
  }

  std::string submit(int max_attempts = 3) {
    Job job;
    job.id = new_job_id();
    job.graph = "clip";
    job.graph_yaml = "reelflow: 1\n";
    job.variables = {{"frames", "10"}};
    job.max_attempts = max_attempts;
    job.created_at = unix_now();
    store_.submit(job);
    return job.id;
  }

  // How long Redis says the pending entry has gone without a claim or renewal (-1: not pending).
  long long idle_ms(const std::string& entry) {
    auto reply = connection_.command({"XPENDING", keys_.queue(), JobKeys::kGroup, entry, entry, "1"});
    if (reply->elements == 0) return -1;
    return reply_integer(reply->element[0]->element[2]).value_or(-1);
  }
  // Claims for `queue` the first entry idle for at least `min_idle_ms`, waiting until
  // Redis has one (the entry ages in Redis's clock, not the test's).
  std::optional<Delivery> claim_once_stale(JobQueue& queue, long long min_idle_ms) {
    std::optional<Delivery> claimed;
    wait_until([&] { return (claimed = queue.claim_stale(min_idle_ms)).has_value(); }, std::chrono::seconds(30));
    return claimed;
  }

  long long length(const std::string& stream) {
    return reply_integer(connection_.command({"XLEN", stream}).get()).value_or(-1);
  }
  std::vector<std::string> completed_jobs() {
    std::vector<std::string> ids;
    auto reply = connection_.command({"XRANGE", keys_.completions(), "-", "+"});
    for (size_t i = 0; i < reply->elements; ++i) ids.push_back(reply_fields(reply->element[i]->element[1])["job"]);
    return ids;
  }

  static TempDir* dir_;
  static RedisServer* redis_;
  JobKeys keys_ = test_keys();
  RedisConnection connection_{RedisEndpoint::parse(redis_->url())};
  JobStore store_{connection_, keys_};
  RedisConnection worker_a_connection_{RedisEndpoint::parse(redis_->url())};
  RedisConnection worker_b_connection_{RedisEndpoint::parse(redis_->url())};
};

TempDir* JobQueueTest::dir_ = nullptr;
RedisServer* JobQueueTest::redis_ = nullptr;

TEST_F(JobQueueTest, SubmittedJobIsDeliveredOnceAndRunUnderALease) {
  const std::string id = submit();
  JobQueue a(worker_a_connection_, keys_, "a");
  JobQueue b(worker_b_connection_, keys_, "b");
  auto delivery = a.read_new(100);
  ASSERT_TRUE(delivery);
  EXPECT_EQ(delivery->job_id, id);
  EXPECT_FALSE(b.read_new(100)) << "a consumer group delivers each entry to one consumer";

  const BeginResult begin = a.begin(*delivery, "lease-a");
  ASSERT_EQ(begin.kind, BeginResult::Kind::Run);
  EXPECT_EQ(begin.attempt, 1);
  auto job = store_.get(id);
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, JobState::Running);
  EXPECT_EQ(job->worker, "a");
  EXPECT_EQ(a.keep_alive(*delivery, "lease-a"), Lease::Held);

  ASSERT_TRUE(a.finish(*delivery, "lease-a", JobOutcome::Succeeded, "", "jobs/x/1", {"clip.mp4"}));
  job = store_.get(id);
  EXPECT_EQ(job->state, JobState::Succeeded);
  EXPECT_EQ(job->outputs, std::vector<std::string>{"clip.mp4"});
  EXPECT_EQ(job->output_dir, "jobs/x/1");
  EXPECT_EQ(length(keys_.queue()), 0) << "a finished entry is acknowledged and deleted";
  EXPECT_EQ(completed_jobs(), std::vector<std::string>{id});
}

// An allowed graph's sub-graph texts are stored with the job (the worker loads them,
// not the files), and shown only with the graph's text.
TEST_F(JobQueueTest, AJobKeepsItsGraphsPartsForTheWorker) {
  Job job;
  job.id = new_job_id();
  job.graph = "two-aspects";
  job.graph_yaml = "reelflow: 1\n";
  job.graph_parts = {{"parts/render.yaml", "stages: []\n"}};
  job.created_at = unix_now();
  store_.submit(job);
  auto stored = store_.get(job.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->graph_parts, job.graph_parts);
  EXPECT_FALSE(stored->to_json().contains("graph_parts"));
  EXPECT_EQ(stored->to_json(true)["graph_parts"]["parts/render.yaml"], "stages: []\n");
}

TEST_F(JobQueueTest, OrphanedJobIsClaimedAndOnlyTheNewLeaseCanComplete) {
  const std::string id = submit();
  JobQueue a(worker_a_connection_, keys_, "a");
  JobQueue b(worker_b_connection_, keys_, "b");
  auto delivery_a = a.read_new(100);
  ASSERT_TRUE(delivery_a);
  ASSERT_EQ(a.begin(*delivery_a, "lease-a").kind, BeginResult::Kind::Run);

  // Worker a stops renewing (it hangs, or its machine is cut off): after the idle time b takes over.
  EXPECT_FALSE(b.claim_stale(60'000)) << "a fresh delivery is not taken";
  auto delivery_b = claim_once_stale(b, 100);
  ASSERT_TRUE(delivery_b);
  EXPECT_EQ(delivery_b->job_id, id);
  const BeginResult begin_b = b.begin(*delivery_b, "lease-b");
  ASSERT_EQ(begin_b.kind, BeginResult::Kind::Run);
  EXPECT_EQ(begin_b.attempt, 2);
  EXPECT_EQ(store_.get(id)->worker, "b");

  // a wakes up and finishes too late: its outcome is refused and it learns it lost the job.
  EXPECT_EQ(a.keep_alive(*delivery_a, "lease-a"), Lease::Lost);
  EXPECT_FALSE(a.finish(*delivery_a, "lease-a", JobOutcome::Succeeded, "", "jobs/a", {"a.mp4"}));
  EXPECT_EQ(store_.get(id)->state, JobState::Running);

  ASSERT_TRUE(b.finish(*delivery_b, "lease-b", JobOutcome::Succeeded, "", "jobs/b", {"b.mp4"}));
  EXPECT_EQ(store_.get(id)->output_dir, "jobs/b");
  EXPECT_EQ(completed_jobs(), std::vector<std::string>{id}) << "completed exactly once";
  EXPECT_EQ(store_.stats().counters["reclaimed"], 1);
}

// Judged by Redis's own idle time of the entry, not by the test's sleeps: renewing
// resets it, so a claim for entries idle as long as it had been takes nothing.
TEST_F(JobQueueTest, RenewedLeaseIsNotClaimed) {
  submit();
  JobQueue a(worker_a_connection_, keys_, "a");
  JobQueue b(worker_b_connection_, keys_, "b");
  auto delivery = a.read_new(100);
  ASSERT_TRUE(delivery);
  ASSERT_EQ(a.begin(*delivery, "lease-a").kind, BeginResult::Kind::Run);
  ASSERT_TRUE(wait_until([&] { return idle_ms(delivery->entry) >= 1000; }, std::chrono::seconds(30)));
  const long long aged = idle_ms(delivery->entry);
  ASSERT_EQ(a.keep_alive(*delivery, "lease-a"), Lease::Held);
  EXPECT_LT(idle_ms(delivery->entry), aged) << "keep_alive did not reset the idle time";
  EXPECT_FALSE(b.claim_stale(aged)) << "claimed though renewed";
}

TEST_F(JobQueueTest, FailedAttemptsAreRetriedThenDeadLettered) {
  const std::string id = submit(/*max_attempts=*/2);
  JobQueue a(worker_a_connection_, keys_, "a");
  for (int attempt = 1; attempt <= 2; ++attempt) {
    auto delivery = a.read_new(100);
    ASSERT_TRUE(delivery) << "attempt " << attempt;
    const BeginResult begin = a.begin(*delivery, "lease");
    ASSERT_EQ(begin.kind, BeginResult::Kind::Run);
    EXPECT_EQ(begin.attempt, attempt);
    ASSERT_TRUE(a.finish(*delivery, "lease", JobOutcome::Failed, "stage 'clip' (gst_launch): boom " + std::to_string(attempt)));
    EXPECT_EQ(store_.get(id)->state, attempt < 2 ? JobState::Queued : JobState::Failed);
  }
  EXPECT_FALSE(a.read_new(100)) << "not queued again after the last attempt";
  auto job = store_.get(id);
  EXPECT_EQ(job->error, "stage 'clip' (gst_launch): boom 2");
  EXPECT_EQ(length(keys_.dead()), 1);
  auto dead = connection_.command({"XRANGE", keys_.dead(), "-", "+"});
  EXPECT_EQ(reply_fields(dead->element[0]->element[1])["job"], id);
  auto stats = store_.stats();
  EXPECT_EQ(stats.counters["retried"], 1);
  EXPECT_EQ(stats.counters["dead_lettered"], 1);
  EXPECT_EQ(stats.counters["failed"], 1);
  EXPECT_TRUE(completed_jobs().empty());
}

TEST_F(JobQueueTest, FinalFailureIsNotRetried) {
  const std::string id = submit(3);
  JobQueue a(worker_a_connection_, keys_, "a");
  auto delivery = a.read_new(100);
  ASSERT_TRUE(delivery);
  ASSERT_EQ(a.begin(*delivery, "lease").kind, BeginResult::Kind::Run);
  ASSERT_TRUE(a.finish(*delivery, "lease", JobOutcome::FailedFinal, "invalid graph: ..."));
  EXPECT_EQ(store_.get(id)->state, JobState::Failed);
  EXPECT_EQ(store_.get(id)->attempts, 1);
  EXPECT_EQ(length(keys_.dead()), 1);
}

TEST_F(JobQueueTest, JobThatKeepsKillingItsWorkerIsDeadLettered) {
  const std::string id = submit(/*max_attempts=*/2);
  JobQueue a(worker_a_connection_, keys_, "a");
  JobQueue b(worker_b_connection_, keys_, "b");
  auto first = a.read_new(100);
  ASSERT_TRUE(first);
  ASSERT_EQ(a.begin(*first, "l1").kind, BeginResult::Kind::Run);
  auto second = claim_once_stale(b, 100);  // a died
  ASSERT_TRUE(second);
  ASSERT_EQ(b.begin(*second, "l2").kind, BeginResult::Kind::Run);
  auto third = claim_once_stale(a, 100);  // b died too
  ASSERT_TRUE(third);
  const BeginResult begin = a.begin(*third, "l3");
  EXPECT_EQ(begin.kind, BeginResult::Kind::DeadLettered);
  EXPECT_NE(begin.detail.find("gave up after 2 attempt(s)"), std::string::npos) << begin.detail;
  EXPECT_EQ(store_.get(id)->state, JobState::Failed);
  EXPECT_EQ(length(keys_.dead()), 1);
  EXPECT_EQ(store_.stats().pending, 0);
}

TEST_F(JobQueueTest, CancelReachesQueuedAndRunningJobs) {
  const std::string queued = submit();
  const std::string running = submit();
  JobQueue a(worker_a_connection_, keys_, "a");
  EXPECT_EQ(store_.cancel(queued), CancelResult::Cancelled);
  EXPECT_EQ(store_.get(queued)->state, JobState::Cancelled);
  auto skipped = a.read_new(100);
  ASSERT_TRUE(skipped);
  EXPECT_EQ(skipped->job_id, queued);
  EXPECT_EQ(a.begin(*skipped, "l").kind, BeginResult::Kind::Skip) << "a cancelled job is never run";

  auto delivery = a.read_new(100);
  ASSERT_TRUE(delivery);
  ASSERT_EQ(a.begin(*delivery, "l").kind, BeginResult::Kind::Run);
  EXPECT_EQ(store_.cancel(running), CancelResult::Cancelling);
  EXPECT_EQ(a.keep_alive(*delivery, "l"), Lease::CancelRequested);
  ASSERT_TRUE(a.finish(*delivery, "l", JobOutcome::Cancelled));
  EXPECT_EQ(store_.get(running)->state, JobState::Cancelled);
  EXPECT_EQ(store_.cancel(running), CancelResult::AlreadyFinished);
  EXPECT_EQ(store_.cancel("ffff"), CancelResult::NotFound);
  EXPECT_EQ(store_.stats().counters["cancelled"], 2);
}

TEST_F(JobQueueTest, ReleasedJobIsQueuedAgainWithoutSpendingAnAttempt) {
  const std::string id = submit(1);
  JobQueue a(worker_a_connection_, keys_, "a");
  JobQueue b(worker_b_connection_, keys_, "b");
  auto delivery = a.read_new(100);
  ASSERT_TRUE(delivery);
  ASSERT_EQ(a.begin(*delivery, "l").kind, BeginResult::Kind::Run);
  ASSERT_TRUE(a.finish(*delivery, "l", JobOutcome::Released));
  EXPECT_EQ(store_.get(id)->state, JobState::Queued);
  EXPECT_EQ(store_.get(id)->attempts, 0);
  auto again = b.read_new(100);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->job_id, id);
  EXPECT_EQ(b.begin(*again, "m").kind, BeginResult::Kind::Run) << "its only attempt is still available";
}

TEST_F(JobQueueTest, EventsAreReadInOrderFromACursor) {
  const std::string id = submit();
  JobQueue a(worker_a_connection_, keys_, "a");
  auto delivery = a.read_new(100);
  ASSERT_TRUE(delivery);
  a.begin(*delivery, "l");
  auto events = store_.read_events(id, "0", 0);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_NE(events[0].data.find("\"job_queued\""), std::string::npos);
  EXPECT_NE(events[1].data.find("\"job_started\""), std::string::npos);
  EXPECT_TRUE(store_.read_events(id, events[1].id, 0).empty());
  a.finish(*delivery, "l", JobOutcome::Succeeded, "", "d", {});
  auto rest = store_.read_events(id, events[1].id, 500);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_NE(rest[0].data.find("\"job_finished\""), std::string::npos);
}

TEST_F(JobQueueTest, ListIsNewestFirstAndFiltersByState) {
  const std::string first = submit();
  const std::string second = submit();
  store_.cancel(first);
  auto all = store_.list(10);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, second);
  auto cancelled = store_.list(10, JobState::Cancelled);
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_EQ(cancelled[0].id, first);
}

TEST(RedisEndpointTest, ParsesUrlsAndHidesThePassword) {
  auto e = RedisEndpoint::parse("redis://:s3cret@cache.internal:6380/2");
  EXPECT_EQ(e.host, "cache.internal");
  EXPECT_EQ(e.port, 6380);
  EXPECT_EQ(e.database, 2);
  EXPECT_EQ(e.password, "s3cret");
  EXPECT_EQ(e.to_string().find("s3cret"), std::string::npos);
  EXPECT_THROW(RedisEndpoint::parse("http://localhost"), std::invalid_argument);
  EXPECT_THROW(RedisEndpoint::parse("redis://host:99999"), std::invalid_argument);
}

TEST(RedisConnectionTest, UnreachableServerIsAClearError) {
  try {
    RedisConnection c(RedisEndpoint::parse("redis://127.0.0.1:1"), std::chrono::milliseconds(500));
    FAIL() << "connected to port 1";
  } catch (const RedisError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot reach Redis at redis://127.0.0.1:1/0"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace reelflow::service
