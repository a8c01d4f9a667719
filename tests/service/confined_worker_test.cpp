// Workers run each job attempt in a confined child (Runtime::start_confined),
// against a real redis-server: a stage that crashes fails its job, not the
// worker; a job's outputs are its regular files, never symlinks it planted;
// `reelflow worker` refuses to run unconfined unless told --no-sandbox; each
// attempt runs in a warm spare started while the previous one ran.
#include "confined_children.hpp"
#include "job_store.hpp"
#include "redis_server.hpp"
#include "service_test_env.hpp"
#include "temp_dir.hpp"
#include "worker.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

namespace reelflow::service {
namespace {

using namespace reelflow::testing;
namespace fs = std::filesystem;

fs::path test_plugins(const char* kind) { return fs::path(REELFLOW_TEST_PLUGIN_DIR) / kind; }

class ConfinedWorkerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("reelflow-confined-worker");
    redis_ = new RedisServer(dir_->path() / "redis");
    runtime_ = new Runtime(RuntimeOptions{{test_plugins("good"), test_plugins("sandbox")}, false});
  }
  static void TearDownTestSuite() {
    delete runtime_;
    delete redis_;
    delete dir_;
  }

  WorkerOptions worker_options(bool no_sandbox = false) {
    WorkerOptions w;
    w.redis = RedisEndpoint::parse(redis_->url());
    w.keys = keys_;
    w.data_dir = dir_->path() / "data";
    w.cache_dir = dir_->path() / "cache";
    w.claim_idle = std::chrono::seconds(2);
    w.confinement.child_program = REELFLOW_CLI_PATH;
    w.no_sandbox = no_sandbox;
    return w;
  }

  std::string submit(const std::string& yaml) {
    Job job;
    job.id = new_job_id();
    job.graph = Job::kUploadedGraph;
    job.graph_yaml = yaml;
    job.max_attempts = 1;
    job.created_at = unix_now();
    store_.submit(job);
    return job.id;
  }

  std::optional<Job> wait_for_final(const std::string& id) {
    std::optional<Job> job;
    wait_until([&] { return (job = store_.get(id)) && is_final(job->state); }, std::chrono::seconds(60));
    return job;
  }

  static TempDir* dir_;
  static RedisServer* redis_;
  static Runtime* runtime_;
  JobKeys keys_{std::string("t-") + ::testing::UnitTest::GetInstance()->current_test_info()->name()};
  RedisConnection connection_{RedisEndpoint::parse(redis_->url())};
  JobStore store_{connection_, keys_};
};

TempDir* ConfinedWorkerTest::dir_ = nullptr;
RedisServer* ConfinedWorkerTest::redis_ = nullptr;
Runtime* ConfinedWorkerTest::runtime_ = nullptr;

const char* const kCrashingJob = "stages:\n  - id: crash\n    type: crash_probe\n";
const char* const kWritingJob = "stages:\n  - id: w\n    type: fs_probe\n    params: { path: result.txt, mode: write }\n";

TEST_F(ConfinedWorkerTest, ACrashingStageFailsItsJobAndTheWorkerTakesTheNext) {
  store_.ensure_queue();
  Worker worker(*runtime_, worker_options());
  worker.start();
  const std::string crash = submit(kCrashingJob);
  const std::string next = submit(kWritingJob);

  auto crashed = wait_for_final(crash);
  ASSERT_TRUE(crashed);
  EXPECT_EQ(crashed->state, JobState::Failed);
  EXPECT_EQ(crashed->error, "stage crash (crash_probe) crashed: signal 11 (Segmentation fault)");
  auto done = wait_for_final(next);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, JobState::Succeeded) << done->error;
  EXPECT_EQ(done->outputs, std::vector<std::string>{"result.txt"});
  // The job's final state reaches Redis just before the worker counts it.
  EXPECT_TRUE(wait_until([&] { return worker.finished_jobs() == 2u; }, std::chrono::seconds(10)))
      << worker.finished_jobs();
}

// The pid a pid_probe job reported in its progress events; 0 when none did.
pid_t reported_pid(JobStore& store, const std::string& id) {
  for (const JobEvent& e : store.read_events(id, "0", 0))
    if (const auto at = e.data.find("pid="); at != std::string::npos) return std::stoi(e.data.substr(at + 4));
  return 0;
}

TEST_F(ConfinedWorkerTest, EachAttemptRunsInTheWarmSpareStartedDuringThePreviousOne) {
  store_.ensure_queue();
  Worker worker(*runtime_, worker_options());
  worker.start();
  const char* yaml = "stages:\n  - id: p\n    type: pid_probe\n    params: { ms: 0 }\n";
  auto first = wait_for_final(submit(yaml));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->state, JobState::Succeeded) << first->error;
  // Attempts write to <data-dir>/jobs/<job>/<attempt>: the spare fits the next job whatever its id.
  const auto spare = wait_for_spare();
  ASSERT_TRUE(spare);
  const std::string id = submit(yaml);
  auto second = wait_for_final(id);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->state, JobState::Succeeded) << second->error;
  EXPECT_EQ(reported_pid(store_, id), *spare);
  EXPECT_FALSE(process_exists(*spare)) << "the spare lives on after its job";
}

TEST_F(ConfinedWorkerTest, OutputsAreTheRegularFilesNeverSymlinksOutOfTheOutputDir) {
  store_.ensure_queue();
  Worker worker(*runtime_, worker_options());
  worker.start();
  const std::string id = submit(R"(stages:
  - id: real
    type: fs_probe
    params: { path: real.txt, mode: write }
  - id: file_link
    type: fs_probe
    params: { path: passwd, mode: symlink, target: /etc/passwd }
  - id: dir_link
    type: fs_probe
    params: { path: etc, mode: symlink, target: /etc }
)");
  auto job = wait_for_final(id);
  ASSERT_TRUE(job);
  ASSERT_EQ(job->state, JobState::Succeeded) << job->error;
  EXPECT_EQ(job->outputs, std::vector<std::string>{"real.txt"});
  EXPECT_TRUE(fs::is_symlink(dir_->path() / "data" / job->output_dir / "passwd"));  // it was there to be listed
}

TEST_F(ConfinedWorkerTest, WithNoSandboxJobsRunInTheWorkersProcessUnconfined) {
  TempDir elsewhere("reelflow-confined-worker-elsewhere");
  const std::string yaml = "stages:\n  - id: w\n    type: fs_probe\n    params: { path: " + (elsewhere / "planted.txt").string() +
                           ", mode: write }\n";
  store_.ensure_queue();
  {
    Worker confined(*runtime_, worker_options());
    confined.start();
    auto job = wait_for_final(submit(yaml));
    ASSERT_TRUE(job);
    EXPECT_EQ(job->state, JobState::Failed);
    EXPECT_NE(job->error.find("Permission denied"), std::string::npos) << job->error;
  }
  Worker unconfined(*runtime_, worker_options(/*no_sandbox=*/true));
  unconfined.start();
  auto job = wait_for_final(submit(yaml));
  ASSERT_TRUE(job);
  EXPECT_EQ(job->state, JobState::Succeeded) << job->error;
  EXPECT_TRUE(fs::exists(elsewhere / "planted.txt"));
}

TEST(WorkerSandboxRefusal, SaysWhyAndHowToRunUnconfinedAnyway) {
  const std::string no_landlock = "the kernel has no Landlock (Linux >= 5.13 with landlock in the LSM list)";
  EXPECT_EQ(worker_sandbox_refusal(false, no_landlock),
            "the kernel has no Landlock (Linux >= 5.13 with landlock in the LSM list); run with --no-sandbox to run "
            "jobs unconfined");
  EXPECT_EQ(worker_sandbox_refusal(true, no_landlock), std::nullopt);
  EXPECT_EQ(worker_sandbox_refusal(false, std::nullopt), std::nullopt);
  EXPECT_EQ(worker_sandbox_refusal(false), std::nullopt) << "this kernel has Landlock";
}

// `reelflow worker` as a process: confined by default, so a crashing job leaves it running.
class WorkerCliTest : public ConfinedWorkerTest {
 protected:
  std::unique_ptr<Subprocess> start_worker(const std::vector<std::string>& extra) {
    std::vector<std::string> argv{REELFLOW_CLI_PATH, "--log-level", "info", "worker", "--prefix", keys_.prefix};
    for (const auto& a : service_args(*redis_, *dir_)) argv.push_back(a);
    argv.insert(argv.end(), {"--plugin-path", test_plugins("good").string(), "--plugin-path", test_plugins("sandbox").string()});
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto worker = std::make_unique<Subprocess>(argv, dir_->path() / ("worker-" + std::to_string(started_++)));
    EXPECT_TRUE(wait_until([&] { return worker->out().find("taking jobs") != std::string::npos; }, std::chrono::seconds(30)))
        << worker->err();
    return worker;
  }
  int started_ = 0;
};

TEST_F(WorkerCliTest, AWorkerSurvivesAJobThatCrashesAndStopsCleanly) {
  store_.ensure_queue();
  auto worker = start_worker({});
  auto crashed = wait_for_final(submit(kCrashingJob));
  ASSERT_TRUE(crashed);
  EXPECT_EQ(crashed->error, "stage crash (crash_probe) crashed: signal 11 (Segmentation fault)");
  auto next = wait_for_final(submit(kWritingJob));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->state, JobState::Succeeded) << next->error;
  EXPECT_FALSE(worker->wait(std::chrono::seconds(0))) << "the worker died";
  EXPECT_EQ(worker->err().find("--no-sandbox"), std::string::npos) << worker->err();
  worker->signal(SIGTERM);
  EXPECT_EQ(worker->wait(std::chrono::seconds(30)), 0) << worker->err();
}

TEST_F(WorkerCliTest, NoSandboxRunsJobsUnconfinedWithAWarning) {
  store_.ensure_queue();
  auto worker = start_worker({"--no-sandbox"});
  EXPECT_NE(worker->err().find("--no-sandbox: jobs run unconfined in this process"), std::string::npos) << worker->err();
  auto done = wait_for_final(submit(kWritingJob));
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, JobState::Succeeded) << done->error;
  worker->signal(SIGTERM);
  EXPECT_EQ(worker->wait(std::chrono::seconds(30)), 0) << worker->err();
}

}  // namespace
}  // namespace reelflow::service
