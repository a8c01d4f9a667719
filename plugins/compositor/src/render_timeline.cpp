#include "render_timeline.hpp"

#include "caption_track.hpp"

#include <reelflow/record.hpp>

#include <sstream>
#include <stdexcept>

namespace reelflow::compositor {
namespace {

// The TTS's timed words spelled as the narration writes them, punctuation included (so
// phrases end at sentence ends), when both have as many words; else as the TTS gave them.
std::vector<WordTiming> written_words(const std::string& narration, std::vector<WordTiming> words) {
  std::istringstream in(narration);
  std::vector<std::string> written;
  for (std::string word; in >> word;) written.push_back(std::move(word));
  if (written.size() != words.size()) return words;
  for (std::size_t i = 0; i < words.size(); ++i) words[i].word = std::move(written[i]);
  return words;
}

}  // namespace

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TimelineScene, index, start_s, duration_s, narration, visual)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SubtitleCue, start_s, end_s, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RenderTimeline, duration_s, scenes, subtitles)

RenderTimeline describe_render(const SceneTimeline& timeline, const std::vector<Scene>& scenes,
                               const std::vector<AudioClip>& clips, double duration_s) {
  RenderTimeline out;
  out.duration_s = duration_s;
  std::vector<SceneCaptionText> spoken;
  const auto& slots = timeline.scenes();
  for (std::size_t i = 0; i < slots.size() && i < scenes.size(); ++i) {
    out.scenes.push_back({scenes[i].index, slots[i].start_s, slots[i].duration_s, scenes[i].narration,
                          scenes[i].visual});
    // What is said, whatever the burned-in captions show: the narration, timed by its words.
    spoken.push_back({scenes[i].narration,
                      written_words(scenes[i].narration, i < clips.size() ? clips[i].words : std::vector<WordTiming>{})});
  }
  const CaptionTrack phrases = CaptionTrack::build(timeline, spoken, CaptionMode::Sentence, kSubtitleLineChars);
  for (const CaptionCue& cue : phrases.cues())
    if (!cue.text.empty() && cue.end_s > cue.start_s)
      out.subtitles.push_back({cue.start_s, std::min(cue.end_s, duration_s), cue.text});
  return out;
}

Record to_record(const RenderTimeline& timeline) { return reelflow::to_record(kTimelineType, timeline); }

RenderTimeline timeline_from(const Value* value) {
  const auto* record = value ? std::get_if<Record>(value) : nullptr;
  if (!record || record->type != kTimelineType) throw std::invalid_argument("input 'timeline' is not a timeline");
  return from_record<RenderTimeline>(*record);
}

}  // namespace reelflow::compositor
