// The stage cache: a second run restores instead of running, a changed param
// re-runs only what depends on it, a failed run resumes where it failed, a
// killed run leaves nothing half-written, and secrets never reach the cache.
#include "cache/stage_cache.hpp"
#include "cache/stage_cache_key.hpp"
#include "subprocess.hpp"
#include "temp_dir.hpp"
#include "test_registry.hpp"
#include "wait_until.hpp"

#include "cache/stage_cache_usage.hpp"
#include "run/scheduler.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace reelflow::testing {
namespace {

namespace fs = std::filesystem;
using framework::Event;
using framework::EventKind;
using framework::RunOutcome;

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

// Every file and directory under `dir`, relative to it.
std::set<std::string> tree(const fs::path& dir) {
  std::set<std::string> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.insert(e.path().lexically_relative(dir).string());
  return out;
}

class StageCacheTest : public ::testing::Test {
 protected:
  StageCacheTest() { fs::create_directories(counters); }

  framework::RunResult run(const std::string& yaml, const fs::path& out, bool use_cache = true) {
    auto v = reg.validate(yaml);
    if (!v.ok()) {
      ADD_FAILURE() << framework::format_diagnostics(v.diagnostics);
      return {};
    }
    framework::RunOptions options;
    options.output_dir = out;
    options.cache_dir = cache;
    options.jobs = 2;
    options.use_cache = use_cache;
    {
      std::lock_guard lock(mutex);
      events.clear();
    }
    std::atomic<bool> cancel{false};
    return framework::Scheduler(*v.plan, options, [this](const Event& e) {
      std::lock_guard lock(mutex);
      events.push_back(e);
    }).run(cancel);
  }

  // How many times process() of a test_counter stage ran.
  int count(const std::string& stage) const {
    std::ifstream in(counters / (stage + ".count"));
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  }

  std::string counter(const std::string& id, const std::string& more = "") const {
    return "  - id: " + id + "\n    type: test_counter\n    params: { counter_dir: \"" + counters.string() + "\"" + more +
           " }\n";
  }

  std::string finished_message(const std::string& stage) {
    std::lock_guard lock(mutex);
    for (const auto& e : events)
      if (e.kind == EventKind::StageFinished && e.stage_id == stage) return e.message;
    return "(not finished)";
  }

  // The entry a stage stored, found through its meta.json.
  fs::path entry_of(const std::string& stage) const {
    for (const auto& e : fs::directory_iterator(cache / "stages")) {
      if (!fs::exists(e.path() / "meta.json")) continue;
      if (nlohmann::json::parse(slurp(e.path() / "meta.json")).at("stage") == stage) return e.path();
    }
    return {};
  }

  // Moves the entry's last use `minutes` into the past (its time is outputs.json's
  // modification time), so an order of use does not hang on the clock's resolution.
  void last_used_ago(const std::string& stage, int minutes) const {
    const auto file = entry_of(stage) / "outputs.json";
    fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::minutes(minutes));
  }

  TestRegistry reg;
  TempDir dir;
  const fs::path counters = dir / "counters";
  const fs::path cache = dir / "cache";
  std::mutex mutex;
  std::vector<Event> events;
};

TEST_F(StageCacheTest, SecondRunRestoresEveryStageWithoutRunningIt) {
  // The '@' texts check that strings looking like recorded paths come back unchanged.
  const std::string graph = "stages:\n" + counter("a", ", text: \"@out/A\"") +
                            counter("b", ", text: B") + "    inputs: { in: a.text, file: a.file }\n";
  auto first = run(graph, dir / "out1");
  ASSERT_EQ(first.outcome, RunOutcome::Succeeded) << first.error;
  EXPECT_EQ(first.cached_stages(), 0u);
  EXPECT_EQ(finished_message("a"), "");

  auto second = run(graph, dir / "out2");
  ASSERT_EQ(second.outcome, RunOutcome::Succeeded) << second.error;
  EXPECT_EQ(count("a"), 1);
  EXPECT_EQ(count("b"), 1);
  EXPECT_EQ(second.cached_stages(), 2u);
  for (const auto& s : second.stages) {
    EXPECT_TRUE(s.cached) << s.id;
    EXPECT_EQ(s.attempts, 0) << s.id;
  }
  EXPECT_EQ(finished_message("a"), "cached");
  EXPECT_EQ(finished_message("b"), "cached");

  EXPECT_EQ(std::get<Text>(second.outputs.at("a.text")).text, "@out/A");
  EXPECT_EQ(std::get<Text>(second.outputs.at("b.text")).text, "@out/A|@out/A|B");
  // Output-dir files are restored into this run's output dir, byte for byte.
  for (const char* name : {"a", "b"}) {
    const auto& file = std::get<FileRef>(second.outputs.at(std::string(name) + ".file"));
    EXPECT_EQ(file.path, dir / "out2" / (std::string(name) + ".txt"));
    EXPECT_EQ(file.mime_type, "text/plain");
    EXPECT_EQ(slurp(file.path), slurp(dir / "out1" / (std::string(name) + ".txt")));
  }
  EXPECT_EQ(tree(dir / "out2"), (std::set<std::string>{"a.txt", "b.txt"}));
  // Work-dir files are no final outputs (RunResult lists output-dir files only):
  // the first run's are gone with its work dir, the second's are kept in the cache.
  EXPECT_EQ(first.outputs.count("b.work"), 0u);
  EXPECT_EQ(second.outputs.count("b.work"), 0u);
  bool cached_work_file = false;
  for (const auto& entry : fs::recursive_directory_iterator(entry_of("b")))
    cached_work_file |= entry.is_regular_file() && slurp(entry.path()) == "work:@out/A|@out/A|B";
  EXPECT_TRUE(cached_work_file) << entry_of("b");
}

TEST_F(StageCacheTest, AnOptionalOutputTheStageDidNotSetDoesNotSpoilItsEntry) {
  // test_marks declares an optional output it never sets: its entry holds one
  // output of two, and is still whole.
  const std::string graph = "stages:\n  - id: m\n    type: test_marks\n    params: { count: 2 }\n";
  ASSERT_EQ(run(graph, dir / "out1").outcome, RunOutcome::Succeeded);
  EXPECT_EQ(finished_message("m"), "");
  auto second = run(graph, dir / "out2");
  ASSERT_EQ(second.outcome, RunOutcome::Succeeded) << second.error;
  EXPECT_EQ(finished_message("m"), "cached");
  EXPECT_EQ(std::get<Text>(second.outputs.at("m.text")).text, "2");
  EXPECT_EQ(second.outputs.count("m.mark"), 0u);
}

TEST_F(StageCacheTest, ChangingOneParamRerunsOnlyThatStageAndItsDependents) {
  auto graph = [&](const std::string& b_text) {
    return "stages:\n" + counter("a", ", text: A") + counter("b", ", text: " + b_text) + "    inputs: { in: a.text }\n" +
           counter("c") + "    inputs: { in: b.text }\n" + counter("d", ", text: D");
  };
  const auto out = dir / "out";
  ASSERT_EQ(run(graph("B1"), out).outcome, RunOutcome::Succeeded);
  auto changed = run(graph("B2"), out);
  ASSERT_EQ(changed.outcome, RunOutcome::Succeeded) << changed.error;
  EXPECT_EQ(count("a"), 1);
  EXPECT_EQ(count("b"), 2);
  EXPECT_EQ(count("c"), 2);
  EXPECT_EQ(count("d"), 1);
  EXPECT_EQ(std::get<Text>(changed.outputs.at("c.text")).text, "A|B2|x");
  EXPECT_EQ(slurp(out / "c.txt"), "A|B2|x");
  // Going back to the first value finds its entries again.
  auto back = run(graph("B1"), out);
  ASSERT_EQ(back.outcome, RunOutcome::Succeeded) << back.error;
  EXPECT_EQ(back.cached_stages(), 4u);
  EXPECT_EQ(count("b"), 2);
  EXPECT_EQ(slurp(out / "c.txt"), "A|B1|x");
}

TEST_F(StageCacheTest, AFailedRunResumesAtTheStageThatFailed) {
  const auto flaky_counter = (dir / "flaky.count").string();
  const std::string graph = "stages:\n" + counter("a") + counter("b") + "    inputs: { in: a.text }\n" +
                            "  - id: f\n    type: test_flaky\n    inputs: { in: b.text }\n"
                            "    params: { counter_file: \"" + flaky_counter + "\", fail_times: 1 }\n";
  const auto out = dir / "out";
  auto failed = run(graph, out);
  EXPECT_EQ(failed.outcome, RunOutcome::Failed);
  EXPECT_EQ(failed.error, "stage 'f' (test_flaky): flaky failure 1");

  auto resumed = run(graph, out);
  ASSERT_EQ(resumed.outcome, RunOutcome::Succeeded) << resumed.error;
  EXPECT_EQ(count("a"), 1);
  EXPECT_EQ(count("b"), 1);
  EXPECT_EQ(slurp(flaky_counter), "2");  // the flaky stage ran once more
  std::map<std::string, bool> cached;
  for (const auto& s : resumed.stages) cached[s.id] = s.cached;
  EXPECT_EQ(cached, (std::map<std::string, bool>{{"a", true}, {"b", true}, {"f", false}}));
}

TEST_F(StageCacheTest, NoCacheRunsEveryStageAndStoresNothing) {
  const std::string graph = "stages:\n" + counter("a") + counter("b") + "    inputs: { in: a.text }\n";
  ASSERT_EQ(run(graph, dir / "out", false).outcome, RunOutcome::Succeeded);
  EXPECT_EQ(framework::stage_cache_usage(cache).entries, 0u);
  ASSERT_EQ(run(graph, dir / "out").outcome, RunOutcome::Succeeded);
  EXPECT_EQ(count("a"), 2);
  EXPECT_EQ(framework::stage_cache_usage(cache).entries, 2u);
  auto again = run(graph, dir / "out", false);
  ASSERT_EQ(again.outcome, RunOutcome::Succeeded);
  EXPECT_EQ(again.cached_stages(), 0u);
  EXPECT_EQ(count("a"), 3);
  EXPECT_EQ(count("b"), 3);
}

TEST_F(StageCacheTest, SecretsNeverReachTheCache) {
  const std::string key = "sk-fake-cache-key-4242";
  ::setenv("REELFLOW_FAKE_CACHE_KEY", key.c_str(), 1);
  ::setenv("REELFLOW_FAKE_TOPIC", "topic-from-the-environment", 1);
  const std::string graph = "stages:\n" + counter("k", ", text: K, api_key: \"${env:REELFLOW_FAKE_CACHE_KEY}\"") +
                            counter("leak", ", api_key: \"${env:REELFLOW_FAKE_CACHE_KEY}\", leak_key: true") +
                            counter("env", ", text: \"${env:REELFLOW_FAKE_TOPIC}\"");
  const auto out = dir / "out";
  ASSERT_EQ(run(graph, out).outcome, RunOutcome::Succeeded);
  auto second = run(graph, out);
  ASSERT_EQ(second.outcome, RunOutcome::Succeeded) << second.error;
  EXPECT_EQ(count("k"), 1);     // a secret param does not keep a stage from the cache
  EXPECT_EQ(count("leak"), 2);  // its outputs hold the key: never stored
  EXPECT_EQ(count("env"), 2);   // a plain param from ${env:...} cannot be keyed: never cached
  EXPECT_NE(slurp(out / "leak.txt").find(key), std::string::npos);  // the key really was in that output
  EXPECT_EQ(framework::stage_cache_usage(cache).entries, 1u);
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(cache)) {
    EXPECT_EQ(e.path().string().find(key), std::string::npos) << e.path();
    if (!e.is_regular_file()) continue;
    ++files;
    EXPECT_EQ(slurp(e.path()).find(key), std::string::npos) << e.path();
    EXPECT_EQ(slurp(e.path()).find("topic-from-the-environment"), std::string::npos) << e.path();
  }
  EXPECT_GE(files, 4u);  // outputs.json, meta.json and the two copies of k
}

TEST_F(StageCacheTest, OnlyFilesTheRunMadeAreCopiedIntoTheCache) {
  // A value may name any file (an input the graph points at, /etc/shadow, a link
  // out of the output dir): the cache copies only the run's own regular files.
  const fs::path out = dir / "out";
  fs::create_directories(out / ".reelflow-work" / "run" / "s");
  const fs::path secret = dir / "elsewhere" / "secret.txt";
  fs::create_directories(secret.parent_path());
  std::ofstream(secret) << "not the run's";
  std::ofstream(out / "made.txt") << "made by the run";
  std::ofstream(out / ".reelflow-work" / "run" / "s" / "work.wav") << "work file";
  fs::create_symlink(secret, out / "link.txt");

  framework::StageCache stage_cache(cache, out);
  const std::map<std::string, Value> outputs = {
      {"made", FileRef{out / "made.txt", ""}},
      {"work", FileRef{out / ".reelflow-work" / "run" / "s" / "work.wav", ""}},
      {"outside", FileRef{secret, ""}},
      {"link", FileRef{out / "link.txt", ""}},
      {"system", FileRef{"/etc/hostname", ""}}};
  ASSERT_TRUE(stage_cache.store("k1", {"s", "t", "p", "1"}, outputs, {}).is_ok());
  std::set<std::string> copied;
  for (const auto& e : fs::recursive_directory_iterator(cache / "stages" / "k1")) {
    if (!e.is_regular_file()) continue;
    copied.insert(e.path().filename().string());
    EXPECT_EQ(slurp(e.path()).find("not the run's"), std::string::npos) << e.path();
  }
  EXPECT_EQ(copied, (std::set<std::string>{"made.txt", "0-work.wav", "outputs.json", "meta.json"}));
  // The references come back as they were, pointing at the original files.
  const std::string manifest = slurp(cache / "stages" / "k1" / "outputs.json");
  EXPECT_NE(manifest.find(secret.string()), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("/etc/hostname"), std::string::npos) << manifest;
}

TEST_F(StageCacheTest, KeyIsStableAndFollowsContentNotPaths) {
  const framework::StageType* type = reg.registry.find("test_counter");
  ASSERT_NE(type, nullptr);
  spit(dir / "one" / "in.txt", "same bytes");
  spit(dir / "two" / "in.txt", "same bytes");
  spit(dir / "param.txt", "param file");
  ParamSet params;
  params.set("counter_dir", counters.string());
  params.set("text", (dir / "param.txt").string());
  params.set("api_key", std::string("sk-secret-one"));
  std::vector<std::string> secrets{"sk-secret-one"};
  Value in_one = FileRef{dir / "one" / "in.txt", "text/plain"};
  Value in_two = FileRef{dir / "two" / "in.txt", "text/plain"};
  auto key = [&](const std::string& id, const Value& file) {
    auto k = framework::stage_cache_key({id, type, &params, &secrets, {{"file", &file}}});
    EXPECT_TRUE(k.document) << k.not_cached_because;
    EXPECT_EQ(k.document->dump().find("sk-secret"), std::string::npos);
    EXPECT_EQ(k.key.size(), 64u);
    return k.key;
  };
  const std::string original = key("a", in_one);
  EXPECT_EQ(key("a", in_one), original);  // stable
  EXPECT_EQ(key("a", in_two), original);  // another path, the same content
  EXPECT_NE(key("b", in_one), original);  // another stage
  params.set("api_key", std::string("sk-secret-two"));
  secrets = {"sk-secret-two"};
  EXPECT_EQ(key("a", in_one), original);  // a secret does not count

  // Changed content changes the key, also when the size and time stay the same.
  const auto time = fs::last_write_time(dir / "two" / "in.txt");
  spit(dir / "two" / "in.txt", "same bytez");
  fs::last_write_time(dir / "two" / "in.txt", time);
  EXPECT_NE(key("a", in_two), original);
  spit(dir / "param.txt", "param file, edited");
  EXPECT_NE(key("a", in_one), original);
}

TEST_F(StageCacheTest, ARedoChangesTheKeyByItsScenesAndTakeOnly) {
  const framework::StageType* type = reg.registry.find("test_counter");
  ASSERT_NE(type, nullptr);
  ParamSet params;
  params.set("counter_dir", counters.string());
  params.set("api_key", std::string("sk-secret-redo"));
  const std::vector<std::string> secrets{"sk-secret-redo"};
  auto key = [&](const SceneRedo* redo) {
    auto k = framework::stage_cache_key({"a", type, &params, &secrets, {}, redo});
    EXPECT_TRUE(k.document) << k.not_cached_because;
    EXPECT_EQ(k.document->dump().find("sk-secret"), std::string::npos);
    return k.key;
  };
  const SceneRedo none, scene2{{2}, 1}, scene2_again{{2}, 1}, scene3{{3}, 1}, scene2_take2{{2}, 2};
  const std::string plain = key(nullptr);
  EXPECT_EQ(key(&none), plain);  // no scenes: the key the stage always had
  EXPECT_NE(key(&scene2), plain);
  EXPECT_EQ(key(&scene2_again), key(&scene2));  // deterministic
  EXPECT_NE(key(&scene3), key(&scene2));
  EXPECT_NE(key(&scene2_take2), key(&scene2));
}

TEST_F(StageCacheTest, AnUnusableEntryIsAMissAndIsReplaced) {
  const std::string graph = "stages:\n" + counter("a");
  const auto out = dir / "out";
  ASSERT_EQ(run(graph, out).outcome, RunOutcome::Succeeded);
  const fs::path entry = entry_of("a");
  ASSERT_FALSE(entry.empty());

  spit(entry / "outputs.json", "{ not json");
  auto after_bad_json = run(graph, out);
  ASSERT_EQ(after_bad_json.outcome, RunOutcome::Succeeded) << after_bad_json.error;
  EXPECT_EQ(count("a"), 2);
  EXPECT_NO_THROW(nlohmann::json::parse(slurp(entry / "outputs.json")));  // stored again

  ASSERT_EQ(run(graph, out).cached_stages(), 1u);
  EXPECT_EQ(count("a"), 2);

  fs::remove(entry / "out" / "a.txt");  // a copy went missing
  auto after_missing_file = run(graph, out);
  ASSERT_EQ(after_missing_file.outcome, RunOutcome::Succeeded) << after_missing_file.error;
  EXPECT_EQ(after_missing_file.cached_stages(), 0u);
  EXPECT_EQ(count("a"), 3);
  EXPECT_TRUE(fs::exists(entry / "out" / "a.txt"));
  // Entry dirs left half-written by a crash elsewhere are not entries.
  fs::create_directories(cache / "stages" / ".tmp-0123-99-0" / "out");
  EXPECT_EQ(framework::stage_cache_usage(cache).entries, 1u);
  EXPECT_EQ(framework::stage_cache_usage(cache).leftovers, 1u);
}

// Through the real command line.
TEST_F(StageCacheTest, SizeLimitEvictsTheLeastRecentlyUsedEntries) {
  const auto out = dir / "out";
  const std::string a = "stages:\n" + counter("a", ", text: AAAA");
  const std::string b = "stages:\n" + counter("b", ", text: BBBB");
  ASSERT_EQ(run(a, out).outcome, RunOutcome::Succeeded);
  const auto one_entry = framework::stage_cache_usage(cache).bytes;
  ASSERT_GT(one_entry, 0u);
  last_used_ago("a", 60);
  ASSERT_EQ(run(b, out).outcome, RunOutcome::Succeeded);
  last_used_ago("b", 30);
  ASSERT_EQ(run(a, out).outcome, RunOutcome::Succeeded);  // restores a: a is now the most recently used
  EXPECT_EQ(count("a"), 1);
  ASSERT_EQ(framework::stage_cache_usage(cache).entries, 2u);

  const auto removed = framework::trim_stage_cache(cache, one_entry + one_entry / 2);
  EXPECT_EQ(removed.entries, 1u);
  EXPECT_GT(removed.bytes, 0u);
  EXPECT_TRUE(entry_of("b").empty()) << "b, used longest ago, is evicted";
  EXPECT_FALSE(entry_of("a").empty());
  EXPECT_EQ(framework::trim_stage_cache(cache, one_entry * 10).entries, 0u) << "under the limit: nothing to do";

  // The run option does the same after each run.
  framework::RunOptions options;
  ASSERT_EQ(run(b, out).outcome, RunOutcome::Succeeded);  // b again: stored anew
  EXPECT_EQ(count("b"), 2);
  auto v = reg.validate(a);
  ASSERT_TRUE(v.ok());
  options.output_dir = out;
  options.cache_dir = cache;
  options.cache_max_bytes = one_entry + one_entry / 2;
  std::atomic<bool> cancel{false};
  last_used_ago("a", 60);
  last_used_ago("b", 30);  // stored after a, so a's restore must be what makes a the newer
  ASSERT_EQ(framework::Scheduler(*v.plan, options, {}).run(cancel).outcome, RunOutcome::Succeeded);
  EXPECT_EQ(framework::stage_cache_usage(cache).entries, 1u);
  EXPECT_FALSE(entry_of("a").empty()) << "the entry this run used stays";
  for (const auto& e : fs::directory_iterator(cache / "stages"))
    EXPECT_NE(e.path().filename().string()[0], '.') << "nothing half-removed is left: " << e.path();
}

class StageCacheCliTest : public StageCacheTest {
 protected:
  std::vector<std::string> cli(std::vector<std::string> args) {
    std::vector<std::string> argv = {REELFLOW_CLI_PATH, "--plugin-path", test_plugin_dir("good").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
  int run_cli(std::vector<std::string> args, std::string* out = nullptr) {
    Subprocess p(cli(std::move(args)), dir / ("capture" + std::to_string(runs++)));
    auto code = p.wait();
    if (out) *out = p.out();
    EXPECT_TRUE(code) << "timed out";
    return code.value_or(-1);
  }
  fs::path write_graph(const std::string& yaml) {
    spit(dir / "graph.yaml", yaml);
    return dir / "graph.yaml";
  }
  int runs = 0;
};

TEST_F(StageCacheCliTest, AKilledRunLeavesNoHalfEntryAndTheNextRunResumesAndCleansUp) {
  const auto graph = write_graph("variables: { ms: 60000, frames: 100000 }\nstages:\n" + counter("a", ", text: A") +
                                 "  - id: s\n    type: test_sleep\n    inputs: { in: a.text }\n"
                                 "    params: { ms: \"${ms}\" }\n"
                                 "  - id: v\n    type: test_video\n"
                                 "    params: { frames: \"${frames}\", width: 64, height: 48, name: v.mp4 }\n");
  const auto out = dir / "out";
  const std::vector<std::string> common = {"run", graph.string(), "-o", out.string(), "--cache-dir", cache.string(),
                                           "-j", "3", "--events", "json"};
  {
    Subprocess killed(cli(common), dir / "killed");
    // Wait until `a` is done, `s` sleeps and the encoder is writing its temp file.
    auto video_temp_exists = [&] {
      for (const auto& e : fs::directory_iterator(out))
        if (e.path().filename().string().rfind(".v.tmp-", 0) == 0) return true;
      return false;
    };
    // `s` starts only after `a` finished, which is after `a` was stored.
    ASSERT_TRUE(wait_until([&] {
      return killed.out().find("\"stage\":\"s\"") != std::string::npos && fs::exists(out) && video_temp_exists();
    }, std::chrono::seconds(120))) << killed.out() << killed.err();
    killed.signal(SIGKILL);
    EXPECT_EQ(killed.wait(std::chrono::seconds(30)).value_or(-1), 128 + SIGKILL);
  }
  // The debris of the killed run.
  EXPECT_TRUE(fs::exists(out / ".reelflow-work"));
  EXPECT_EQ(count("a"), 1);
  for (const auto& e : fs::directory_iterator(cache / "stages")) {
    if (e.path().filename().string()[0] == '.') continue;
    EXPECT_TRUE(fs::exists(e.path() / "outputs.json")) << e.path();
  }

  std::string events;
  ASSERT_EQ(run_cli([&] {
              auto args = common;
              args.insert(args.end(), {"--set", "ms=10", "--set", "frames=5"});
              return args;
            }(), &events), 0) << events;
  EXPECT_EQ(count("a"), 1);
  EXPECT_NE(events.find("\"message\":\"cached\""), std::string::npos) << events;
  EXPECT_EQ(slurp(out / "a.txt"), "A");
  // The killed run's work dir and the encoder's temp file were removed by this run.
  EXPECT_EQ(tree(out), (std::set<std::string>{"a.txt", "v.mp4"}));
  for (const auto& e : fs::directory_iterator(cache / "stages")) {
    EXPECT_NE(e.path().filename().string()[0], '.') << e.path();  // no temps left
    EXPECT_TRUE(fs::exists(e.path() / "outputs.json")) << e.path();
  }
}

TEST_F(StageCacheCliTest, CacheInfoCleanAndNoCache) {
  const auto graph = write_graph("stages:\n" + counter("a") + counter("b"));
  const auto out = dir / "out";
  ASSERT_EQ(run_cli({"run", graph.string(), "-o", out.string(), "--cache-dir", cache.string(), "--no-cache",
                     "--events", "none"}), 0);
  std::string info;
  ASSERT_EQ(run_cli({"cache", "info", "--cache-dir", cache.string()}, &info), 0);
  EXPECT_EQ(info, (cache / "stages").string() + ": 0 entries, 0 B\n");

  ASSERT_EQ(run_cli({"run", graph.string(), "-o", out.string(), "--cache-dir", cache.string(), "--events", "none"}), 0);
  ASSERT_EQ(run_cli({"run", graph.string(), "-o", out.string(), "--cache-dir", cache.string(), "--events", "none"}), 0);
  EXPECT_EQ(count("a"), 2);  // once without the cache, once to fill it
  const auto usage = framework::stage_cache_usage(cache);
  EXPECT_EQ(usage.entries, 2u);
  EXPECT_GT(usage.bytes, 0u);
  ASSERT_EQ(run_cli({"cache", "info", "--cache-dir", cache.string()}, &info), 0);
  EXPECT_EQ(info.rfind((cache / "stages").string() + ": 2 entries, ", 0), 0u) << info;

  std::string cleaned;
  ASSERT_EQ(run_cli({"cache", "clean", "--cache-dir", cache.string()}, &cleaned), 0);
  EXPECT_EQ(cleaned.rfind("removed " + (cache / "stages").string() + ": 2 entries, ", 0), 0u) << cleaned;
  EXPECT_NE(cleaned.find(" freed"), std::string::npos);
  EXPECT_FALSE(fs::exists(cache / "stages"));
  ASSERT_EQ(run_cli({"run", graph.string(), "-o", out.string(), "--cache-dir", cache.string(), "--events", "none"}), 0);
  EXPECT_EQ(count("a"), 3);

  std::string trimmed;
  ASSERT_EQ(run_cli({"cache", "trim", "--max-size", "0", "--cache-dir", cache.string()}, &trimmed), 0);
  EXPECT_EQ(trimmed.rfind("removed 2 entries, ", 0), 0u) << trimmed;
  EXPECT_EQ(framework::stage_cache_usage(cache).entries, 0u);
  EXPECT_NE(run_cli({"cache", "trim", "--max-size", "lots", "--cache-dir", cache.string()}), 0);
  ASSERT_EQ(run_cli({"run", graph.string(), "-o", out.string(), "--cache-dir", cache.string(), "--events", "none",
                     "--cache-max-size", "1KiB"}), 0);
  EXPECT_LE(framework::stage_cache_usage(cache).bytes, 1024u);
}

}  // namespace
}  // namespace reelflow::testing
