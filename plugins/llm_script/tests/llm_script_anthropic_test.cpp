// The anthropic provider against a real server on 127.0.0.1 that speaks the
// Messages API: the request it sends, the script it reads back, the repair
// request, retries on 529/429 and a refused key.
#include "fake_model_api.hpp"
#include "llm_script_test_support.hpp"
#include "stage_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace reelflow::llm_script_test {
namespace {

using nlohmann::json;
using testing::StageHarness;
using testing::StageRun;

constexpr const char* kApiKey = "sk-ant-test-FAKE-8d1e6b3c";

std::string message_reply(const std::string& text, const std::string& stop_reason = "end_turn") {
  json reply = {
      {"id", "msg_test"},
      {"type", "message"},
      {"role", "assistant"},
      {"model", "test-claude"},
      {"content", json::array({{{"type", "text"}, {"text", text}}})},
      {"stop_reason", stop_reason},
      {"stop_sequence", nullptr},
      {"usage", {{"input_tokens", 321}, {"output_tokens", 123}}},
  };
  return reply.dump();
}

std::string api_error(const std::string& type, const std::string& message) {
  return json{{"type", "error"}, {"error", {{"type", type}, {"message", message}}}}.dump();
}

class LlmScriptAnthropic : public ::testing::Test {
 protected:
  StageRun run(const std::string& extra = "") {
    return harness.run("llm_script", "topic: ocean tides\nprovider: anthropic\nscenes: 3\nmodel: test-claude\n"
                                     "max_tokens: 2000\napi_key: " + std::string(kApiKey) + "\nbase_url: " +
                                         api.url("/") + "\n" + extra);
  }

  FakeModelApi api{"/v1/messages", {200, message_reply(script_json(3).dump())}};
  StageHarness harness;
};

TEST_F(LlmScriptAnthropic, SendsAMessagesRequestAndReadsTheScript) {
  json script = script_json(3);
  script["hashtags"] = {"#tides", "#moon"};
  api.reply_with({{200, message_reply(script.dump())}});
  StageRun result = run();
  Script read = script_of(result);
  ASSERT_EQ(read.scenes.size(), 3u);
  EXPECT_EQ(read.topic, "ocean tides");
  EXPECT_EQ(read.title, "Tides, Explained");
  EXPECT_EQ(read.scenes[2].visual, "Visual of scene 3");
  EXPECT_TRUE(any_line_contains(result.log_lines, "321 prompt and 123 completion tokens"));
  json publishing = json::parse(result.output_as<Record>("publishing").json);
  EXPECT_EQ(publishing["hashtags"], json({"#tides", "#moon"}));
  EXPECT_EQ(publishing["writer"], "anthropic test-claude");

  auto seen = api.seen();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].path, "/v1/messages");
  EXPECT_EQ(seen[0].header("x-api-key"), kApiKey);
  EXPECT_EQ(seen[0].header("anthropic-version"), "2023-06-01");
  EXPECT_EQ(seen[0].header("content-type"), "application/json");
  EXPECT_EQ(seen[0].header("authorization"), "");

  json body = json::parse(seen[0].body);
  EXPECT_EQ(body["model"], "test-claude");
  EXPECT_EQ(body["max_tokens"], 2000);
  EXPECT_FALSE(body.contains("response_format"));
  std::string system = body["system"];
  EXPECT_NE(system.find("exactly 3 scenes"), std::string::npos) << system;
  EXPECT_NE(system.find(R"("required":["title","hook","hashtags","scenes"])"), std::string::npos) << system;
  ASSERT_EQ(body["messages"].size(), 1u);
  EXPECT_EQ(body["messages"][0]["role"], "user");
  EXPECT_NE(body["messages"][0]["content"].get<std::string>().find("Topic: ocean tides"), std::string::npos);
  expect_key_hidden(result, kApiKey);
}

TEST_F(LlmScriptAnthropic, TextBlocksAreJoinedAndFencesDropped) {
  std::string text = "```json\n" + script_json(3).dump(2) + "\n```";
  json reply = json::parse(message_reply(""));
  reply["content"] = {{{"type", "text"}, {"text", text.substr(0, 40)}}, {{"type", "text"}, {"text", text.substr(40)}}};
  api.reply_with({{200, reply.dump()}});
  EXPECT_EQ(script_of(run()).scenes.size(), 3u);
}

TEST_F(LlmScriptAnthropic, BrokenJsonIsRepairedByOneFollowUp) {
  json broken = script_json(3);
  broken["scenes"][1].erase("narration");
  api.reply_with({{200, message_reply(broken.dump())}, {200, message_reply(script_json(3).dump())}});
  StageRun result = run();
  EXPECT_EQ(script_of(result).scenes[1].narration, "Narration of scene 2. It has two sentences.");

  auto seen = api.seen();
  ASSERT_EQ(seen.size(), 2u);
  json repair = json::parse(seen[1].body);
  EXPECT_EQ(repair["system"], json::parse(seen[0].body)["system"]);
  ASSERT_EQ(repair["messages"].size(), 3u);
  EXPECT_EQ(repair["messages"][1]["role"], "assistant");
  EXPECT_EQ(repair["messages"][1]["content"], broken.dump());
  EXPECT_EQ(repair["messages"][2]["role"], "user");
  std::string ask = repair["messages"][2]["content"];
  EXPECT_NE(ask.find("scenes[1].narration is missing or not a string"), std::string::npos) << ask;
  EXPECT_EQ(seen[1].header("x-api-key"), kApiKey);
  expect_key_hidden(result, kApiKey);
}

TEST_F(LlmScriptAnthropic, AReplyThatStaysBrokenFailsAfterExactlyTwoRequests) {
  json broken = script_json(3);
  broken["scenes"][2]["caption"] = std::string(130, 'c');
  api.reply_with({{200, message_reply("{\"title\": \"Tides\", \"hook\": ")}, {200, message_reply(broken.dump())}});
  StageRun result = run("max_attempts: 3");
  EXPECT_EQ(error_of(result),
            "llm_script: malformed reply: scenes[2].caption is 130 characters long (at most 120) (still after a "
            "repair request)");
  EXPECT_EQ(api.seen().size(), 2u);
  expect_key_hidden(result, kApiKey);
}

TEST_F(LlmScriptAnthropic, OverloadedIsRetried) {
  api.reply_with({{529, api_error("overloaded_error", "Overloaded")}, {200, message_reply(script_json(3).dump())}});
  StageRun result = run();
  EXPECT_EQ(script_of(result).scenes.size(), 3u);
  EXPECT_EQ(api.seen().size(), 2u);
  EXPECT_TRUE(any_line_contains(result.log_lines, "HTTP 529, retrying"));
  expect_key_hidden(result, kApiKey);
}

TEST_F(LlmScriptAnthropic, OverloadedGivesUpAfterMaxAttempts) {
  api.reply_with({{529, api_error("overloaded_error", "Overloaded")}});
  StageRun result = run("max_attempts: 2");
  std::string message = error_of(result);
  EXPECT_NE(message.find("/v1/messages: HTTP 529: Overloaded (after 2 attempts)"), std::string::npos) << message;
  EXPECT_EQ(api.seen().size(), 2u);
}

// The server's retry-after (1 s) replaces the client's first backoff (250-500 ms).
TEST_F(LlmScriptAnthropic, RateLimitWaitsForRetryAfter) {
  api.reply_with({{429, api_error("rate_limit_error", "Number of request tokens has exceeded your limit"), false,
                   {{"retry-after", "1"}}},
                  {200, message_reply(script_json(3).dump())}});
  StageRun result = run();
  EXPECT_EQ(script_of(result).scenes.size(), 3u);
  auto seen = api.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_GE(seen[1].at - seen[0].at, std::chrono::milliseconds(950));
}

TEST_F(LlmScriptAnthropic, RefusedKeyIsSentOnce) {
  api.reply_with({{401, api_error("authentication_error", std::string("invalid x-api-key ") + kApiKey)}});
  StageRun result = run("max_attempts: 5");
  std::string message = error_of(result);
  EXPECT_NE(message.find("the server refused the credentials (HTTP 401): invalid x-api-key"), std::string::npos)
      << message;
  EXPECT_NE(message.find("check api_key"), std::string::npos) << message;
  EXPECT_EQ(api.seen().size(), 1u);
  expect_key_hidden(result, kApiKey);
}

TEST_F(LlmScriptAnthropic, TruncatedAtMaxTokensIsAClearError) {
  api.reply_with({{200, message_reply(R"({"title":"Tides","hook":"Why)", "max_tokens")}});
  std::string message = error_of(run());
  EXPECT_NE(message.find("reply truncated (stop_reason \"max_tokens\"); raise max_tokens"), std::string::npos)
      << message;
  EXPECT_EQ(api.seen().size(), 1u);
}

TEST_F(LlmScriptAnthropic, RefusalIsAnError) {
  api.reply_with({{200, message_reply("I can't help with that.", "refusal")}});
  EXPECT_EQ(error_of(run()), "llm_script: the model refused: I can't help with that.");
  EXPECT_EQ(api.seen().size(), 1u);
}

TEST_F(LlmScriptAnthropic, MissingKeyNamesItsVariable) {
  StageRun result = harness.run("llm_script", "topic: tides\nprovider: anthropic\nbase_url: " + api.url("/"));
  EXPECT_EQ(error_of(result), "llm_script: provider anthropic needs api_key (set it with ${env:ANTHROPIC_API_KEY})");
  EXPECT_TRUE(api.seen().empty());
}

}  // namespace
}  // namespace reelflow::llm_script_test
