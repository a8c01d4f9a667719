#include "openai_synthesizer.hpp"

#include "audio_decoder.hpp"
#include "removed_on_exit.hpp"
#include "reply_text.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace reelflow::tts {
namespace {

constexpr std::size_t kSnippetChars = 200;

std::string read_start_of(const std::filesystem::path& file, std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  std::string text(max_bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(max_bytes));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

bool starts_with_ci(const std::string& text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if ((text[i] | 0x20) != (prefix[i] | 0x20)) return false;
  return true;
}

}  // namespace

Status OpenAiSynthesizer::open(const OpenAiSettings& settings, StageContext& context,
                               std::unique_ptr<SpeechSynthesizer>& synthesizer) {
  if (settings.api_key.empty())
    return Status::error("provider 'openai' needs an API key: set param api_key (e.g. api_key: ${env:OPENAI_API_KEY})");
  synthesizer.reset(new OpenAiSynthesizer(settings, context));
  return Status::ok();
}

std::string OpenAiSynthesizer::endpoint() const {
  std::string base = settings_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/audio/speech";
}

std::string OpenAiSynthesizer::snippet(std::string text) const { return tts::snippet(std::move(text), settings_.api_key); }

std::string OpenAiSynthesizer::one_line(std::string text) const {
  return tts::one_line(std::move(text), settings_.api_key);
}

Status OpenAiSynthesizer::synthesize(const std::string& text, const std::string& clip_name, Speech& speech) {
  const std::string url = endpoint();
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Authorization", "Bearer " + settings_.api_key},
                     {"Content-Type", "application/json"},
                     {"Accept", "audio/wav"}};
  nlohmann::json json{{"model", settings_.model}, {"input", text}, {"voice", settings_.voice}, {"response_format", "wav"}};
  if (settings_.speed != 1.0) json["speed"] = settings_.speed;  // set by the length fit (length_fit.hpp)
  request.body = json.dump();
  request.response_file = context_.work_dir() / (clip_name + ".reply");
  request.timeout_ms = static_cast<std::int64_t>(settings_.timeout_s * 1000.0);
  RetryPolicy retry = context_.retry_policy();
  retry.max_attempts = settings_.max_attempts;
  request.retry = retry;
  request.secrets = {settings_.api_key};

  const RemovedOnExit reply{request.response_file};  // only an intermediate: gone once decoded or rejected
  const HttpResponse response = context_.http().send(request);
  if (!response.error.empty()) return Status::error(response.describe("speech request to " + url));
  const std::string body = response.body.empty() ? read_start_of(reply.path, kSnippetChars + 1) : response.body;
  if (!response.ok()) {
    std::string message = "speech request to " + url + " failed: " + response.status_text();
    if (response.refused_credentials()) message += " (check api_key)";
    if (!body.empty()) message += ": " + snippet(body);
    return Status::error(message);
  }

  const std::string content_type = response.header("Content-Type").value_or("");
  if (starts_with_ci(content_type, "application/json") || starts_with_ci(content_type, "text/"))
    return Status::error("speech API at " + url + " replied with " + content_type + " instead of audio: " +
                         snippet(body));
  if (!std::filesystem::exists(reply.path))
    return Status::error("speech API at " + url + " replied without a body");

  PcmAudio audio;
  if (Status status = decode_audio_file(context_, reply.path, kSampleRate, audio); !status)
    return Status::error("could not decode the audio returned by " + url + ": " + one_line(status.message()));
  if (audio.samples.empty()) return Status::error("the audio returned by " + url + " holds no samples");
  speech.audio = std::move(audio);
  speech.words.clear();
  return Status::ok();
}

}  // namespace reelflow::tts
