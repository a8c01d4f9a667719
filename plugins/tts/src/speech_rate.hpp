#pragma once
// A voice's measured speaking rate, in written words per second, and the value
// type that carries it to the stages that budget words for a length (llm_script,
// scene_segmenter). Measured, not assumed: espeak-ng at 165 words/min speaks
// about 3 written words per second, a calm narrator about 2.5.
#include "speech_synthesizer.hpp"

#include <reelflow/status.hpp>
#include <reelflow/value.hpp>

#include <functional>

namespace reelflow::tts {

inline constexpr const char* kSpeechRateType = "speech_rate";
extern const char* const kSpeechRateDoc;
extern const char* const kSpeechRateSchema;

Record speech_rate_record(double words_per_second);

// Speaks a fixed calibration text (a few narration-like sentences, one clip each, as
// the tts stage speaks scenes) and divides its written words by the clips' length.
Status measure_speech_rate(SpeechSynthesizer& synthesizer, const std::function<bool()>& cancelled,
                           double& words_per_second);

}  // namespace reelflow::tts
