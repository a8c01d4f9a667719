// The openai provider against a real chat-completions server on 127.0.0.1:
// the request it sends, the script it reads back, and every way a reply fails.
#include "fake_model_api.hpp"
#include "llm_script_test_support.hpp"
#include "local_http_server.hpp"
#include "stage_harness.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace reelflow::llm_script_test {
namespace {

using nlohmann::json;
using testing::LocalHttpServer;
using testing::StageHarness;
using testing::StageRun;
using testing::TempDir;

constexpr const char* kApiKey = "sk-test-FAKE-4f9c2e7a1b";

std::string completion(const std::string& content, const std::string& finish_reason = "stop") {
  json reply = {
      {"id", "chatcmpl-test"},
      {"object", "chat.completion"},
      {"model", "test-model"},
      {"choices",
       json::array({{{"index", 0},
                     {"message", {{"role", "assistant"}, {"content", content}, {"refusal", nullptr}}},
                     {"finish_reason", finish_reason}}})},
      {"usage", {{"prompt_tokens", 321}, {"completion_tokens", 123}, {"total_tokens", 444}}},
  };
  return reply.dump();
}

class LlmScriptOpenAi : public ::testing::Test {
 protected:
  std::string params(const std::string& extra = "") const {
    return "topic: ocean tides\nprovider: openai\nscenes: 3\nmodel: test-model\ntemperature: 0.2\n"
           "api_key: " + std::string(kApiKey) + "\nbase_url: " + api.url("/v1") + "\n" + extra;
  }

  StageRun run(const std::string& extra = "", std::map<std::string, Value> inputs = {}) {
    return harness.run("llm_script", params(extra), std::move(inputs));
  }

  static void expect_key_hidden(const StageRun& run) { llm_script_test::expect_key_hidden(run, kApiKey); }

  FakeModelApi api{"/v1/chat/completions", {200, completion(script_json(3).dump())}};
  StageHarness harness;
};

TEST_F(LlmScriptOpenAi, SendsAStructuredChatRequestAndReadsTheScript) {
  StageRun result = run();
  Script script = script_of(result);
  ASSERT_EQ(script.scenes.size(), 3u);
  EXPECT_EQ(script.topic, "ocean tides");
  EXPECT_EQ(script.title, "Tides, Explained");
  EXPECT_EQ(script.hook, "Why does the sea breathe twice a day?");
  EXPECT_EQ(script.scenes[1].narration, "Narration of scene 2. It has two sentences.");
  EXPECT_EQ(script.scenes[1].caption, "Caption 2");
  EXPECT_EQ(script.scenes[2].visual, "Visual of scene 3");
  EXPECT_TRUE(any_line_contains(result.log_lines, "321 prompt and 123 completion tokens"));

  auto seen = api.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].path, "/v1/chat/completions");
  EXPECT_EQ(seen[0].header("authorization"), std::string("Bearer ") + kApiKey);

  json body = json::parse(seen[0].body);
  EXPECT_EQ(body["model"], "test-model");
  EXPECT_DOUBLE_EQ(body["temperature"].get<double>(), 0.2);
  ASSERT_EQ(body["messages"].size(), 2u);
  EXPECT_EQ(body["messages"][0]["role"], "system");
  EXPECT_EQ(body["messages"][1]["role"], "user");
  std::string system = body["messages"][0]["content"];
  EXPECT_NE(system.find("exactly 3 scenes"), std::string::npos) << system;
  EXPECT_NE(system.find("about 113 words"), std::string::npos) << system;  // 45 s at 2.5 words/s
  EXPECT_NE(body["messages"][1]["content"].get<std::string>().find("ocean tides"), std::string::npos);

  const json& format = body["response_format"];
  EXPECT_EQ(format["type"], "json_schema");
  EXPECT_EQ(format["json_schema"]["name"], "video_script");
  EXPECT_EQ(format["json_schema"]["strict"], true);
  const json& schema = format["json_schema"]["schema"];
  EXPECT_EQ(schema["required"], json::array({"title", "hook", "hashtags", "scenes"}));
  EXPECT_EQ(schema["properties"]["hashtags"]["type"], "array");
  EXPECT_NE(system.find("hashtags"), std::string::npos) << system;
  EXPECT_EQ(schema["additionalProperties"], false);
  const json& scene = schema["properties"]["scenes"]["items"];
  EXPECT_EQ(scene["required"], json::array({"narration", "caption", "visual"}));
  EXPECT_EQ(scene["additionalProperties"], false);
  expect_key_hidden(result);
}

json publishing_of(const StageRun& run) {
  const auto& record = run.output_as<Record>("publishing");
  EXPECT_EQ(record.type, "publishing");
  return json::parse(record.json);
}

TEST_F(LlmScriptOpenAi, TheModelsHashtagsAreCleanedForPublishing) {
  json script = script_json(2);
  script["hashtags"] = {"tides", "#Ocean Science", "#tides", "", "#moon!", "#a#b"};
  api.reply_with({{200, completion(script.dump())}});
  StageRun result = run();
  ASSERT_TRUE(result.status.is_ok()) << result.status.message();
  const json publishing = publishing_of(result);
  EXPECT_EQ(publishing["title"], "Tides, Explained");
  EXPECT_EQ(publishing["description"], "Why does the sea breathe twice a day?");
  EXPECT_EQ(publishing["hashtags"], json({"#tides", "#OceanScience", "#moon", "#ab"}));
  EXPECT_EQ(publishing["writer"], "openai test-model");
}

TEST_F(LlmScriptOpenAi, NoHashtagsInTheReplyGivesTheTopicsWords) {
  api.reply_with({{200, completion(script_json(2).dump())}});
  StageRun result = run();
  ASSERT_TRUE(result.status.is_ok()) << result.status.message();
  EXPECT_EQ(publishing_of(result)["hashtags"], json({"#OceanTides", "#ocean", "#tides"}));
  EXPECT_TRUE(any_line_contains(result.log_lines, "no usable hashtags"));
}

TEST_F(LlmScriptOpenAi, HashtagsThatAreNotStringsAreAMalformedReply) {
  json script = script_json(2);
  script["hashtags"] = json::array({"#ok", 7});
  api.reply_with({{200, completion(script.dump())}});
  EXPECT_EQ(error_of(run()),
            "llm_script: malformed reply: hashtags[1] is not a string (still after a repair request)");
  EXPECT_EQ(api.seen().size(), 2u);
}

TEST_F(LlmScriptOpenAi, NotesAreSentAsContext) {
  TempDir dir;
  std::ofstream(dir / "notes.md") << "- Spring tides happen at full and new moon\n";
  StageRun result = run("notes_file: " + (dir / "notes.md").string(), {{"notes", Text{"Neap tides are weaker."}}});
  ASSERT_TRUE(result.status.is_ok()) << result.status.message();
  auto seen = api.seen();
  ASSERT_EQ(seen.size(), 1u);
  std::string user = json::parse(seen[0].body)["messages"][1]["content"];
  EXPECT_NE(user.find("Neap tides are weaker."), std::string::npos) << user;
  EXPECT_NE(user.find("Spring tides happen at full and new moon"), std::string::npos) << user;
}

TEST_F(LlmScriptOpenAi, MissingApiKeyFailsBeforeAnyRequest) {
  StageRun result = harness.run("llm_script", "topic: tides\nprovider: openai\nbase_url: " + api.url("/v1"));
  EXPECT_EQ(error_of(result), "llm_script: provider openai needs api_key (set it with ${env:OPENAI_API_KEY})");
  EXPECT_TRUE(api.seen().empty());
}

TEST_F(LlmScriptOpenAi, UnauthorizedIsNotRetriedAndHidesTheKey) {
  // Servers like to echo the key they refused.
  json error = {{"error",
                 {{"message", std::string("Incorrect API key provided: ") + kApiKey},
                  {"type", "invalid_request_error"}}}};
  api.reply_with({{401, error.dump()}});
  StageRun result = run();
  std::string message = error_of(result);
  EXPECT_NE(message.find("the server refused the credentials (HTTP 401)"), std::string::npos) << message;
  EXPECT_NE(message.find("Incorrect API key provided"), std::string::npos) << message;
  EXPECT_NE(message.find("check api_key"), std::string::npos) << message;
  EXPECT_EQ(api.seen().size(), 1u);
  expect_key_hidden(result);
}

TEST_F(LlmScriptOpenAi, ServerErrorIsRetried) {
  api.reply_with({{500, R"({"error":{"message":"overloaded"}})"}, {200, completion(script_json(3).dump())}});
  StageRun result = run();
  Script script = script_of(result);
  EXPECT_EQ(script.scenes.size(), 3u);
  EXPECT_EQ(api.seen().size(), 2u);
  expect_key_hidden(result);
}

TEST_F(LlmScriptOpenAi, GivesUpAfterMaxAttempts) {
  api.reply_with({{503, R"({"error":{"message":"try later"}})"}});
  StageRun result = run("max_attempts: 2");
  std::string message = error_of(result);
  EXPECT_NE(message.find("HTTP 503: try later"), std::string::npos) << message;
  EXPECT_NE(message.find("after 2 attempts"), std::string::npos) << message;
  EXPECT_EQ(api.seen().size(), 2u);
  expect_key_hidden(result);
}

TEST_F(LlmScriptOpenAi, TruncatedReplyIsAnError) {
  api.reply_with({{200, completion(R"({"title":"Tides","hook":"Why)", "length")}});
  std::string message = error_of(run());
  EXPECT_NE(message.find("reply truncated"), std::string::npos) << message;
  EXPECT_EQ(api.seen().size(), 1u);  // a repair would be cut off the same way
}

TEST_F(LlmScriptOpenAi, ContentThatIsNotJsonIsAnError) {
  api.reply_with({{200, completion("Sure! Here is a script about tides: ...")}});
  std::string message = error_of(run());
  EXPECT_NE(message.find("malformed reply"), std::string::npos) << message;
  EXPECT_NE(message.find("Sure! Here is a script"), std::string::npos) << message;
  EXPECT_NE(message.find("still after a repair request"), std::string::npos) << message;
  EXPECT_EQ(api.seen().size(), 2u);  // the request and one repair, no more
}

TEST_F(LlmScriptOpenAi, ProseInsteadOfJsonIsRepairedByOneFollowUp) {
  const std::string prose = "Sure! Here is a script about tides: ...";
  api.reply_with({{200, completion(prose)}, {200, completion(script_json(3).dump())}});
  StageRun result = run();
  EXPECT_EQ(script_of(result).scenes.size(), 3u);
  EXPECT_TRUE(any_line_contains(result.log_lines, "unusable reply (the content is not a JSON object"));

  auto seen = api.seen();
  ASSERT_EQ(seen.size(), 2u);
  json first = json::parse(seen[0].body);
  json repair = json::parse(seen[1].body);
  ASSERT_EQ(repair["messages"].size(), 4u);
  EXPECT_EQ(repair["messages"][0], first["messages"][0]);  // same system rules
  EXPECT_EQ(repair["messages"][1], first["messages"][1]);  // same topic
  EXPECT_EQ(repair["messages"][2]["role"], "assistant");
  EXPECT_EQ(repair["messages"][2]["content"], prose);
  EXPECT_EQ(repair["messages"][3]["role"], "user");
  std::string ask = repair["messages"][3]["content"];
  EXPECT_NE(ask.find("the content is not a JSON object"), std::string::npos) << ask;
  EXPECT_NE(ask.find("corrected JSON object only"), std::string::npos) << ask;
  EXPECT_EQ(repair["response_format"], first["response_format"]);
  expect_key_hidden(result);
}

TEST_F(LlmScriptOpenAi, SchemaViolationsNameTheFieldPath) {
  json wrong_type = script_json(3);
  wrong_type["scenes"][2]["caption"] = 42;
  api.reply_with({{200, completion(wrong_type.dump())}});
  EXPECT_NE(error_of(run()).find("malformed reply: scenes[2].caption is missing or not a string"), std::string::npos);

  json too_long = script_json(3);
  too_long["scenes"][0]["visual"] = std::string(601, 'v');
  api.reply_with({{200, completion(too_long.dump())}});
  EXPECT_NE(error_of(run()).find("malformed reply: scenes[0].visual is 601 characters long (at most 600)"),
            std::string::npos);

  api.reply_with({{200, completion(script_json(31).dump())}});
  EXPECT_NE(error_of(run()).find("malformed reply: 'scenes' has 31 items (at most 30)"), std::string::npos);

  json empty_title = script_json(3);
  empty_title["title"] = " ";
  api.reply_with({{200, completion(empty_title.dump())}});
  EXPECT_NE(error_of(run()).find("malformed reply: 'title' is empty"), std::string::npos);
  EXPECT_EQ(api.seen().size(), 8u);  // each: the request and one repair
}

TEST_F(LlmScriptOpenAi, ResponseThatIsNotJsonIsAnError) {
  api.reply_with({{200, "<html>gateway</html>"}});
  std::string message = error_of(run());
  EXPECT_NE(message.find("malformed reply: the response is not a JSON object"), std::string::npos) << message;
}

TEST_F(LlmScriptOpenAi, ZeroScenesIsAnError) {
  api.reply_with({{200, completion(script_json(0).dump())}});
  std::string message = error_of(run());
  EXPECT_NE(message.find("malformed reply: the script has zero scenes"), std::string::npos) << message;
}

TEST_F(LlmScriptOpenAi, MissingFieldNamesTheScene) {
  json script = script_json(3);
  script["scenes"][1].erase("narration");
  api.reply_with({{200, completion(script.dump())}});
  std::string message = error_of(run());
  EXPECT_NE(message.find("malformed reply: scenes[1].narration is missing"), std::string::npos) << message;

  api.reply_with({{200, completion(R"({"hook":"h","scenes":[]})")}});
  message = error_of(run());
  EXPECT_NE(message.find("malformed reply: 'title' is missing"), std::string::npos) << message;
}

TEST_F(LlmScriptOpenAi, FencedJsonIsAccepted) {
  api.reply_with({{200, completion("```json\n" + script_json(3).dump(2) + "\n```")}});
  Script script = script_of(run());
  EXPECT_EQ(script.scenes.size(), 3u);
}

TEST_F(LlmScriptOpenAi, WarnsWhenTheSceneCountDiffers) {
  api.reply_with({{200, completion(script_json(2).dump())}});
  StageRun result = run();
  EXPECT_EQ(script_of(result).scenes.size(), 2u);
  EXPECT_TRUE(any_line_contains(result.log_lines, "the model wrote 2 scenes instead of 3"));
}

// The reply is held until the run is over, so only the 1 s timeout can end the run
// (without it the run would wait for the reply, which comes unreleased after 20 s).
TEST_F(LlmScriptOpenAi, TimeoutIsApplied) {
  api.reply_with({{200, completion(script_json(3).dump()), true}});
  StageRun result = run("timeout_s: 1\nmax_attempts: 1");
  EXPECT_FALSE(api.release()) << "the run waited for the held reply";
  std::string message = error_of(result);
  EXPECT_NE(message.find("llm_script: POST"), std::string::npos) << message;
  EXPECT_NE(message.find("timed out"), std::string::npos) << message;
  expect_key_hidden(result);
}

TEST_F(LlmScriptOpenAi, UnreachableServerIsAClearError) {
  std::string url;
  {
    LocalHttpServer closed;
    closed.start();
    url = closed.url("/v1");
  }  // stopped: nothing listens on that port now
  StageRun result = harness.run("llm_script", "topic: tides\nprovider: openai\nmax_attempts: 1\napi_key: " +
                                                  std::string(kApiKey) + "\nbase_url: " + url);
  std::string message = error_of(result);
  EXPECT_NE(message.find("llm_script: POST " + url + "/chat/completions"), std::string::npos) << message;
  expect_key_hidden(result);
}

// Gemini is the same protocol at Google's OpenAI-compatible root, with its own key.
TEST(LlmScriptGemini, UsesTheOpenAiProtocolAtItsRoot) {
  FakeModelApi gemini{"/v1beta/openai/chat/completions", {200, completion(script_json(2).dump())}};
  StageHarness harness;
  StageRun result = harness.run("llm_script", "topic: ocean tides\nprovider: gemini\nscenes: 2\nmodel: test-model\n"
                                              "api_key: " + std::string(kApiKey) + "\nbase_url: " +
                                                  gemini.url("/v1beta/openai/"));
  EXPECT_EQ(script_of(result).scenes.size(), 2u);
  EXPECT_EQ(json::parse(result.output_as<Record>("publishing").json)["writer"], "gemini test-model");
  auto seen = gemini.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].path, "/v1beta/openai/chat/completions");
  EXPECT_EQ(seen[0].header("authorization"), std::string("Bearer ") + kApiKey);
  EXPECT_EQ(json::parse(seen[0].body)["response_format"]["type"], "json_schema");
  expect_key_hidden(result, kApiKey);
}

TEST(LlmScriptGemini, MissingKeyNamesItsVariable) {
  StageHarness harness;
  EXPECT_EQ(error_of(harness.run("llm_script", "topic: tides\nprovider: gemini")),
            "llm_script: provider gemini needs api_key (set it with ${env:GEMINI_API_KEY})");
}

}  // namespace
}  // namespace reelflow::llm_script_test
