#pragma once
// Decodes any audio file GStreamer can read into mono 16-bit PCM at a chosen rate.
#include "pcm_audio.hpp"

#include <reelflow/stage_context.hpp>

#include <filesystem>

namespace reelflow::tts {

// Plays filesrc ! decodebin ! audioconvert ! audioresample ! appsink through the
// runtime (bus errors, cancellation). Fails when the file holds no decodable audio.
Status decode_audio_file(StageContext& context, const std::filesystem::path& file, int sample_rate, PcmAudio& audio);

}  // namespace reelflow::tts
