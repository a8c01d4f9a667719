#pragma once
// Stores PcmAudio as a canonical 44-byte-header RIFF/WAVE file (PCM, mono, 16-bit).
#include "pcm_audio.hpp"

#include <reelflow/status.hpp>

#include <filesystem>

namespace reelflow::tts {

// Written atomically: readers see the complete file or none.
Status write_wav(const std::filesystem::path& path, const PcmAudio& audio);

}  // namespace reelflow::tts
