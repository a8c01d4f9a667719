// Stage types for the core tests: sources, sleepers, failures, a GStreamer
// encoder, and a stage with every kind of parameter for the validator.
#include <reelflow/gst_ptr.hpp>
#include <reelflow/reelflow.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace {

using namespace reelflow;

class TestSource final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Emits a text from its parameter");
    spec.output("text", types::text, "the text");
    spec.param("text", "hello", "what to emit");
    spec.trust("text", ParamTrust::FreeText);
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("text", Text{ctx.params().str("text")});
    return Status::ok();
  }
};

// Reports values as it finds them (StageContext::emit), then its total.
class TestMarks final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Emits `count` marks as it goes, then outputs how many");
    spec.output("mark", types::text, "one mark (emitted, never set)").optional();
    spec.output("text", types::text, "how many marks were emitted");
    spec.param("count", 3, "how many marks").range(0, 1000);
  }
  Status process(StageContext& ctx) override {
    const auto count = ctx.params().integer("count");
    for (long long i = 1; i <= count; ++i) {
      ctx.emit("mark", Text{"mark " + std::to_string(i)});
      ctx.log(LogLevel::Info, "mark " + std::to_string(i));
      ctx.progress(static_cast<double>(i) / count);
    }
    ctx.set_output("text", Text{std::to_string(count)});
    return Status::ok();
  }
};

// Sleeps in small slices, so cancellation and timeouts are noticed quickly.
class TestSleep final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Waits, then passes its input on");
    spec.input("in", types::text, "passed through").optional();
    spec.output("text", types::text, "the input plus this stage's id");
    spec.param("ms", 100, "how long to wait").range(0, 600000);
  }
  Status process(StageContext& ctx) override {
    const auto total = std::chrono::milliseconds(ctx.params().integer("ms"));
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < total) {
      if (ctx.cancelled()) return Status::error("cancelled");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      const double f = std::chrono::duration<double>(std::chrono::steady_clock::now() - start) / total;
      ctx.progress(f);
    }
    const Value* in = ctx.input("in");
    const std::string prefix = in ? std::get<Text>(*in).text + "," : "";
    ctx.set_output("text", Text{prefix + ctx.stage_id()});
    return Status::ok();
  }
};

// Waits until `parties` stages of the same `group` are all inside process(): it
// succeeds only if they really ran at the same time, whatever the machine's load.
class TestMeet final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Meets the other stages of its group while all of them run");
    spec.output("text", types::text, "this stage's id");
    spec.required_param("group", ParamType::String, "who meets (unique per run)");
    spec.param("parties", 2, "how many stages meet").range(1, 64);
    spec.param("wait_ms", 60000, "how long to wait for the others").range(0, 600000);
  }
  Status process(StageContext& ctx) override {
    static std::mutex mutex;
    static std::condition_variable arrived;
    static std::map<std::string, int> present;
    const std::string group = ctx.params().str("group");
    const auto parties = ctx.params().integer("parties");
    std::unique_lock lock(mutex);
    ++present[group];
    arrived.notify_all();
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ctx.params().integer("wait_ms"));
    while (present[group] < parties) {
      if (ctx.cancelled()) return Status::error("cancelled");
      if (std::chrono::steady_clock::now() >= until)
        return Status::error("only " + std::to_string(present[group]) + " of " + std::to_string(parties) +
                             " stages ran at the same time");
      arrived.wait_for(lock, std::chrono::milliseconds(10));
    }
    ctx.set_output("text", Text{ctx.stage_id()});
    return Status::ok();
  }
};

class TestConcat final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Joins two texts");
    spec.input("a", types::text, "first");
    spec.input("b", types::text, "second");
    spec.output("text", types::text, "a+b");
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("text", Text{ctx.input_as<Text>("a").text + "+" + ctx.input_as<Text>("b").text});
    return Status::ok();
  }
};

class TestFail final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Fails on purpose");
    spec.input("in", types::text, "ignored").optional();
    spec.output("text", types::text, "never set");
    spec.param("message", "boom", "the error message");
    spec.param("throw", false, "throw std::runtime_error instead of returning an error");
  }
  Status process(StageContext& ctx) override {
    if (ctx.params().flag("throw")) throw std::runtime_error(ctx.params().str("message"));
    return Status::error(ctx.params().str("message"));
  }
};

// Fails its first `fail_times` attempts, counting them in a file.
class TestFlaky final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Fails a number of times, then succeeds");
    spec.input("in", types::text, "ignored").optional();
    spec.output("text", types::text, "\"ok\"");
    spec.required_param("counter_file", ParamType::String, "where attempts are counted");
    spec.param("fail_times", 1, "attempts that fail");
  }
  Status process(StageContext& ctx) override {
    const std::string file = ctx.params().str("counter_file");
    int count = 0;
    std::ifstream(file) >> count;
    std::ofstream(file) << ++count;
    if (count <= ctx.params().integer("fail_times")) return Status::error("flaky failure " + std::to_string(count));
    ctx.set_output("text", Text{"ok"});
    return Status::ok();
  }
};

// Counts its executions (one line per process() call in <counter_dir>/<stage id>.count)
// and makes one file in its work dir and one in the output dir, for the stage cache tests.
class TestCounter final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Counts its runs; writes a work file and an output file");
    spec.input("in", types::text, "prefixed to the text").optional();
    spec.input("file", types::file, "its content is prefixed to the text").optional();
    spec.output("text", types::text, "[in|][file content|]text");
    spec.output("file", types::file, "<output_dir>/<name> holding the text");
    spec.output("work", types::file, "a file in the work dir holding \"work:\" and the text");
    spec.required_param("counter_dir", ParamType::String, "directory of the execution counters");
    spec.param("text", "x", "the text");
    spec.param("name", "", "output file name (empty: <stage id>.txt)");
    spec.param("api_key", "", "an API key, never part of an output").is_secret();
    spec.param("leak_key", false, "append the API key to the text output (a stage that must not be cached)");
    spec.trust("text", ParamTrust::FreeText).trust("name", ParamTrust::Path).trust("counter_dir", ParamTrust::Path);
  }
  Status process(StageContext& ctx) override {
    const auto& p = ctx.params();
    // A sub-graph's stage ("part/a") counts in a folder of the part's stage.
    const auto counter = std::filesystem::path(p.str("counter_dir")) / (ctx.stage_id() + ".count");
    std::filesystem::create_directories(counter.parent_path());
    std::ofstream(counter, std::ios::app) << "run\n";
    std::string text;
    if (const Value* in = ctx.input("in")) text += std::get<Text>(*in).text + "|";
    if (const Value* file = ctx.input("file")) {
      std::ifstream f(std::get<FileRef>(*file).path);
      text += std::string(std::istreambuf_iterator<char>(f), {}) + "|";
    }
    text += p.str("text");
    if (p.flag("leak_key")) text += " key=" + p.str("api_key");
    const auto work = ctx.work_dir() / "work.txt";
    std::ofstream(work) << "work:" << text;
    AtomicFile out(ctx.output_dir() / (p.str("name").empty() ? ctx.stage_id() + ".txt" : p.str("name")));
    std::ofstream(out.temp_path()) << text;
    out.commit();
    ctx.set_output("text", Text{text});
    ctx.set_output("file", FileRef{out.destination(), "text/plain"});
    ctx.set_output("work", FileRef{work, "text/plain"});
    return Status::ok();
  }
};

class TestWrongOutput final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Sets an output of the wrong type");
    spec.output("video", types::video, "declared video");
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("video", Text{"not a video"});
    return Status::ok();
  }
};

class TestSecret final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Logs and fails with its secret, which the runtime must redact");
    spec.output("text", types::text, "never set");
    spec.param("key", "", "an API key").is_secret();
  }
  Status process(StageContext& ctx) override {
    ctx.log(LogLevel::Warn, "using key " + ctx.params().str("key"));
    return Status::error("request with key " + ctx.params().str("key") + " was refused");
  }
};

// Encodes a test pattern to H.264 in MP4 through the runtime's pipeline runner.
class TestVideo final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Encodes a GStreamer test pattern to MP4");
    spec.output("video", types::video, "the MP4");
    spec.param("width", 320, "pixels").range(16, 4096);
    spec.param("height", 240, "pixels").range(16, 4096);
    spec.param("fps", 25, "frames per second").range(1, 120);
    spec.param("frames", 50, "number of frames").range(1, 100000);
    spec.param("name", "test.mp4", "output file name");
    spec.param("location", "", "write here instead (tests a failing sink)");
    spec.trust("name", ParamTrust::Path).trust("location", ParamTrust::Path);
  }
  Status process(StageContext& ctx) override {
    const auto& p = ctx.params();
    AtomicFile out(ctx.output_dir() / p.str("name"));
    const std::string location = p.str("location").empty() ? out.temp_path().string() : p.str("location");
    const std::string desc = "videotestsrc num-buffers=" + std::to_string(p.integer("frames")) +
                             " ! video/x-raw,width=" + std::to_string(p.integer("width")) + ",height=" +
                             std::to_string(p.integer("height")) + ",framerate=" + std::to_string(p.integer("fps")) +
                             "/1 ! x264enc speed-preset=ultrafast ! mp4mux ! filesink name=sink location=\"" +
                             location + "\"";
    GError* raw_error = nullptr;
    auto pipeline = gst::adopt_floating(gst_parse_launch(desc.c_str(), &raw_error));
    gst::ErrorPtr error(raw_error);
    if (!pipeline || error) return Status::error(std::string("bad pipeline: ") + (error ? error->message : "?"));
    const double duration = static_cast<double>(p.integer("frames")) / static_cast<double>(p.integer("fps"));
    if (Status s = ctx.run_pipeline(pipeline.get(), duration); !s) return s;
    out.commit();
    ctx.set_output("video", VideoFile{out.destination(), duration, static_cast<int>(p.integer("width")),
                                      static_cast<int>(p.integer("height")), static_cast<double>(p.integer("fps"))});
    return Status::ok();
  }
};

// Hands over a file it was given by name, as a `file` (whatever it holds): with
// test_video_info, for a file fed to a `video` input.
class TestFileOf final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Gives the file named by `path` as a file output");
    spec.output("file", types::file, "the file");
    spec.required_param("path", ParamType::String, "an existing file");
    spec.trust("path", ParamTrust::Path);
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("file", FileRef{ctx.params().str("path"), ""});
    return Status::ok();
  }
};

// Says what video it was given: "WxH fps duration" (the runtime's probe, for a file).
class TestVideoInfo final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Describes the video on its input");
    spec.input("video", types::video, "a video");
    spec.output("text", types::text, "width x height, fps, duration in ms");
  }
  Status process(StageContext& ctx) override {
    const auto& v = ctx.input_as<VideoFile>("video");
    ctx.set_output("text", Text{std::to_string(v.width) + "x" + std::to_string(v.height) + " " +
                                std::to_string(std::lround(v.fps)) + " fps " +
                                std::to_string(std::lround(v.duration_s * 1000)) + " ms " +
                                v.path.filename().string()});
    return Status::ok();
  }
};

// Declares one parameter of each kind, required ports, for validator tests.
class TestTyped final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Has every kind of parameter");
    spec.input("script", types::script, "a script");
    spec.input("extra", types::text, "optional text").optional();
    spec.output("scenes", types::scenes, "scenes");
    spec.required_param("must", ParamType::String, "a required string");
    spec.param("count", 3, "a number of things").range(1, 10);
    spec.param("ratio", 0.5, "a fraction").range(0.0, 1.0);
    spec.param("flag", false, "a switch");
    spec.param("mode", "fast", "how").one_of({"fast", "slow"});
    spec.param("names", std::vector<std::string>{}, "some names");
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("scenes", SceneList{});
    return Status::ok();
  }
};

class TestScript final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Emits a one-scene script");
    spec.output("script", types::script, "a script");
  }
  Status process(StageContext& ctx) override {
    ctx.set_output("script", Script{"topic", "title", "hook", {ScriptScene{"narration", "caption", "visual"}}});
    return Status::ok();
  }
};

// One string param of each trust kind, for the trusted-parameter rule's tests.
class TestTrust final : public Stage {
 public:
  static void setup(StageSpec& spec) {
    spec.describe("Takes one string parameter of each trust kind and emits them joined");
    spec.output("text", types::text, "the params, joined");
    for (const char* name : {"free", "name", "path", "url", "host", "pipeline", "unclassified"})
      spec.param(name, "", std::string("a parameter of kind ") + name);
    spec.param("choice", "a", "a parameter limited by its choices").one_of({"a", "b"});
    spec.param("urls", std::vector<std::string>{}, "a list of URLs");
    spec.param("choices", std::vector<std::string>{}, "a list of choices, like a chain of providers");
    spec.trust("free", ParamTrust::FreeText)
        .trust("name", ParamTrust::Name)
        .trust("path", ParamTrust::Path)
        .trust("url", ParamTrust::Url)
        .trust("urls", ParamTrust::Url)
        .trust("host", ParamTrust::Host)
        .trust("pipeline", ParamTrust::PipelineText)
        .uses_network_when("choice", {"b"})
        .uses_network_when("choices", {"b"});
  }
  Status process(StageContext& ctx) override {
    std::string joined;
    for (const auto& [name, value] : ctx.params().values())
      if (const auto* s = std::get_if<std::string>(&value)) joined += name + "=" + *s + ";";
    ctx.set_output("text", Text{joined});
    return Status::ok();
  }
};

// How often this copy of the library was registered, i.e. opened by a loader: the
// plugin index tests read it through dlsym to see a plugin opened exactly once.
std::atomic<int> registrations{0};

}  // namespace

REELFLOW_EXPORT int reelflow_test_stages_registrations() { return registrations.load(); }

REELFLOW_PLUGIN("test_stages", "1.0.0", "Stage types for the reelflow core tests") {
  ++registrations;
  registrar.add<TestSource>("test_source");
  registrar.add<TestSleep>("test_sleep");
  registrar.add<TestMarks>("test_marks");
  registrar.add<TestConcat>("test_concat");
  registrar.add<TestMeet>("test_meet");
  registrar.add<TestFail>("test_fail");
  registrar.add<TestFlaky>("test_flaky");
  registrar.add<TestCounter>("test_counter");
  registrar.add<TestWrongOutput>("test_wrong_output");
  registrar.add<TestSecret>("test_secret");
  registrar.add<TestVideo>("test_video");
  registrar.add<TestFileOf>("test_file_of");
  registrar.add<TestVideoInfo>("test_video_info");
  registrar.add<TestTyped>("test_typed");
  registrar.add<TestScript>("test_script");
  registrar.add<TestTrust>("test_trust");
}
