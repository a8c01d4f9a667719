#include "elevenlabs_synthesizer.hpp"

#include "audio_decoder.hpp"
#include "character_timings.hpp"
#include "removed_on_exit.hpp"
#include "reply_text.hpp"

#include <glib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <memory>

namespace reelflow::tts {
namespace {

struct GFreeDeleter {
  void operator()(guchar* bytes) const { g_free(bytes); }
};

// The reply's alignment arrays; false when they are missing or not arrays of the right types.
bool read_alignment(const nlohmann::json& reply, CharacterTimings& timings) {
  const auto alignment = reply.find("alignment");
  if (alignment == reply.end() || !alignment->is_object()) return false;
  try {
    timings.characters = alignment->at("characters").get<std::vector<std::string>>();
    timings.start_s = alignment->at("character_start_times_seconds").get<std::vector<double>>();
    timings.end_s = alignment->at("character_end_times_seconds").get<std::vector<double>>();
  } catch (const nlohmann::json::exception&) {
    return false;
  }
  return timings.characters.size() == timings.start_s.size() && timings.characters.size() == timings.end_s.size();
}

}  // namespace

void ElevenLabsSynthesizer::declare_params(StageSpec& spec) {
  spec.param("elevenlabs_voice", "21m00Tcm4TlvDq8ikWAM", "elevenlabs: voice id (letters, digits, '_', '-')");
  spec.param("elevenlabs_model", "eleven_multilingual_v2", "elevenlabs: model id, e.g. eleven_multilingual_v2");
  spec.param("elevenlabs_base_url", "https://api.elevenlabs.io",
             "elevenlabs: API root; the stage POSTs to {elevenlabs_base_url}/v1/text-to-speech/{voice}/with-timestamps");
  spec.trust("elevenlabs_voice", ParamTrust::Name)
      .trust("elevenlabs_model", ParamTrust::Name)
      .trust("elevenlabs_base_url", ParamTrust::Url);
}

bool ElevenLabsSynthesizer::is_voice_id(const std::string& voice_id) {
  return !voice_id.empty() && voice_id.size() <= 64 && std::all_of(voice_id.begin(), voice_id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

ElevenLabsSettings ElevenLabsSynthesizer::settings_from(const ParamSet& p) {
  ElevenLabsSettings settings;
  settings.base_url = p.str("elevenlabs_base_url");
  settings.voice_id = p.str("elevenlabs_voice");
  settings.model_id = p.str("elevenlabs_model");
  settings.api_key = p.str("api_key");
  settings.timeout_s = p.number("timeout_s");
  settings.max_attempts = static_cast<int>(p.integer("max_attempts"));
  return settings;
}

Status ElevenLabsSynthesizer::open(const ElevenLabsSettings& settings, StageContext& context,
                                   std::unique_ptr<SpeechSynthesizer>& synthesizer) {
  if (settings.api_key.empty())
    return Status::error(
        "provider 'elevenlabs' needs an API key: set param api_key (e.g. api_key: ${env:ELEVENLABS_API_KEY})");
  if (!is_voice_id(settings.voice_id))
    return Status::error("elevenlabs_voice '" + settings.voice_id.substr(0, 64) +
                         "' is not a voice id (letters, digits, '_' and '-')");
  synthesizer.reset(new ElevenLabsSynthesizer(settings, context));
  return Status::ok();
}

std::string ElevenLabsSynthesizer::endpoint() const {
  std::string base = settings_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/v1/text-to-speech/" + settings_.voice_id + "/with-timestamps";
}

Status ElevenLabsSynthesizer::synthesize(const std::string& text, const std::string& clip_name, Speech& speech) {
  const std::string url = endpoint();
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"xi-api-key", settings_.api_key},
                     {"Content-Type", "application/json"},
                     {"Accept", "application/json"}};
  request.body = nlohmann::json{{"text", text}, {"model_id", settings_.model_id}}.dump();
  request.timeout_ms = static_cast<std::int64_t>(settings_.timeout_s * 1000.0);
  RetryPolicy retry = context_.retry_policy();
  retry.max_attempts = settings_.max_attempts;
  request.retry = retry;
  request.secrets = {settings_.api_key};

  const HttpResponse response = context_.http().send(request);
  if (!response.error.empty()) return Status::error(response.describe("speech request to " + url));
  if (!response.ok()) {
    std::string message = "speech request to " + url + " failed: HTTP " + std::to_string(response.status);
    if (response.status == 401 || response.status == 403) message += " (check api_key)";
    if (!response.body.empty()) message += ": " + snippet(response.body, settings_.api_key);
    return Status::error(message);
  }

  const auto reply = nlohmann::json::parse(response.body, nullptr, false);
  const auto audio_base64 = reply.is_object() ? reply.find("audio_base64") : reply.end();
  if (reply.is_discarded() || !reply.is_object() || audio_base64 == reply.end() || !audio_base64->is_string())
    return Status::error("speech API at " + url + " replied without audio_base64: " +
                         snippet(response.body, settings_.api_key));
  CharacterTimings timings;
  if (!read_alignment(reply, timings))
    return Status::error("speech API at " + url + " replied without a character alignment (alignment.characters, " +
                         "character_start_times_seconds, character_end_times_seconds)");

  gsize size = 0;
  const std::unique_ptr<guchar, GFreeDeleter> bytes(g_base64_decode(audio_base64->get_ref<const std::string&>().c_str(), &size));
  if (size == 0) return Status::error("speech API at " + url + " replied with empty audio_base64");
  const RemovedOnExit file{context_.work_dir() / (clip_name + ".reply")};  // only until decoded
  {
    std::ofstream out(file.path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.get()), static_cast<std::streamsize>(size));
    if (!out.flush()) return Status::error("cannot write " + file.path.string());
  }
  PcmAudio audio;
  if (Status status = decode_audio_file(context_, file.path, kSampleRate, audio); !status)
    return Status::error("could not decode the audio returned by " + url + ": " +
                         one_line(status.message(), settings_.api_key));
  if (audio.samples.empty()) return Status::error("the audio returned by " + url + " holds no samples");
  speech.audio = std::move(audio);
  speech.words = word_timings_from_characters(text, timings, speech.audio.duration_s());
  return Status::ok();
}

}  // namespace reelflow::tts
