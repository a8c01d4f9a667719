#include "caption_track.hpp"

#include <glib.h>

#include <reelflow/gst_ptr.hpp>

#include <algorithm>
#include <sstream>
#include <utility>

namespace reelflow::compositor {
namespace {

using Range = std::pair<std::size_t, std::size_t>;  // [first, last) word indices

constexpr const char* kHighlightOpen = "<span foreground=\"#FFD54A\">";
constexpr const char* kHighlightClose = "</span>";

std::vector<std::string> split_words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(std::move(w));
  return words;
}

// Characters, not bytes: continuation bytes of UTF-8 sequences do not count.
std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool ends_sentence(std::string word) {
  while (!word.empty() && std::string_view("\"')]»”’").find(word.back()) != std::string_view::npos) word.pop_back();
  if (word.empty()) return false;
  if (word.size() >= 3 && word.compare(word.size() - 3, 3, "\xE2\x80\xA6") == 0) return true;  // …
  return std::string_view(".!?;:").find(word.back()) != std::string_view::npos;
}

// Sentences, each cut into balanced parts of at most max_words.
std::vector<Range> phrase_ranges(const std::vector<std::string>& words, std::size_t max_words) {
  std::vector<Range> ranges;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!ends_sentence(words[i]) && i + 1 != words.size()) continue;
    const std::size_t n = i + 1 - begin;
    const std::size_t parts = (n + max_words - 1) / max_words;
    for (std::size_t p = 0; p < parts; ++p)
      ranges.emplace_back(begin + n * p / parts, begin + n * (p + 1) / parts);
    begin = i + 1;
  }
  return ranges;
}

std::string escape(const std::string& text) {
  gst::CharPtr escaped(g_markup_escape_text(text.c_str(), static_cast<gssize>(text.size())));
  return gst::to_string(escaped);
}

struct Layout {
  std::size_t max_line_chars;
};

// The words of `range` set in lines: Pango markup (escaped, `highlighted` coloured) or plain text.
std::string join_words(const std::vector<std::string>& words, Range range, Layout layout, bool markup,
                       std::size_t highlighted = SIZE_MAX) {
  const std::vector<std::string> phrase(words.begin() + static_cast<std::ptrdiff_t>(range.first),
                                        words.begin() + static_cast<std::ptrdiff_t>(range.second));
  const auto breaks = line_starts(phrase, layout.max_line_chars);
  std::string out;
  for (std::size_t i = range.first; i < range.second; ++i) {
    if (i != range.first)
      out += std::find(breaks.begin(), breaks.end(), i - range.first) != breaks.end() ? '\n' : ' ';
    if (!markup) out += words[i];
    else if (i == highlighted) out += kHighlightOpen + escape(words[i]) + kHighlightClose;
    else out += escape(words[i]);
  }
  return out;
}

CaptionCue cue_of(const std::vector<std::string>& words, Range range, Layout layout, double start_s, double end_s,
                  std::size_t highlighted = SIZE_MAX) {
  return {start_s, join_words(words, range, layout, true, highlighted), join_words(words, range, layout, false),
          end_s};
}

// Phrases spread over the narration in proportion to their length (no word timings).
void add_paced_phrases(const SceneSlot& slot, const std::string& text, Layout layout,
                       std::vector<CaptionCue>& cues) {
  const auto words = split_words(text);
  const auto ranges = phrase_ranges(words, CaptionTrack::kMaxPhraseWords);
  if (ranges.empty()) {
    cues.push_back({slot.start_s, "", "", 0.0});
    return;
  }
  std::vector<double> weights;
  double total = 0.0;
  for (const auto& r : ranges) {
    double chars = 0.0;
    for (std::size_t i = r.first; i < r.second; ++i) chars += static_cast<double>(words[i].size()) + 1.0;
    weights.push_back(chars);
    total += chars;
  }
  const double span = slot.narration_s > 0.0 ? slot.narration_s : slot.duration_s;
  double at = slot.start_s;
  for (std::size_t p = 0; p < ranges.size(); ++p) {
    const double end = at + span * weights[p] / total;
    cues.push_back(cue_of(words, ranges[p], layout, at, end));
    at = end;
  }
}

void add_timed_words(const SceneSlot& slot, const std::vector<WordTiming>& timings, CaptionMode mode,
                     Layout layout, std::vector<CaptionCue>& cues) {
  std::vector<std::string> words;
  for (const auto& w : timings) words.push_back(w.word);
  const std::size_t group = mode == CaptionMode::Word ? CaptionTrack::kMaxWordGroup : CaptionTrack::kMaxPhraseWords;
  const auto ranges = phrase_ranges(words, group);
  for (std::size_t r = 0; r < ranges.size(); ++r) {
    for (std::size_t i = ranges[r].first; i < ranges[r].second; ++i) {
      // The scene's first caption appears with its picture, not with the first sound.
      const double start = (r == 0 && i == ranges[r].first) ? slot.start_s : slot.start_s + timings[i].start_s;
      if (mode == CaptionMode::Word) {
        cues.push_back(cue_of(words, ranges[r], layout, start, slot.start_s + timings[i].end_s, i));
      } else {
        const double end = slot.start_s + timings[ranges[r].second - 1].end_s;
        cues.push_back(cue_of(words, ranges[r], layout, start, end));
        break;  // one cue per phrase
      }
    }
  }
}

}  // namespace

CaptionTrack::CaptionTrack(std::vector<CaptionCue> cues) : cues_(std::move(cues)) {
  std::stable_sort(cues_.begin(), cues_.end(),
                   [](const CaptionCue& a, const CaptionCue& b) { return a.start_s < b.start_s; });
  // A cue is over when the next one starts, at the latest.
  for (std::size_t i = 0; i < cues_.size(); ++i) {
    const bool last = i + 1 == cues_.size();
    const double next = last ? cues_[i].end_s : cues_[i + 1].start_s;
    if (cues_[i].end_s <= cues_[i].start_s || (!last && cues_[i].end_s > next)) cues_[i].end_s = next;
    cues_[i].end_s = std::max(cues_[i].end_s, cues_[i].start_s);
  }
}

CaptionTrack CaptionTrack::build(const SceneTimeline& timeline, const std::vector<SceneCaptionText>& scenes,
                                 CaptionMode mode, std::size_t max_line_chars) {
  const Layout layout{std::max<std::size_t>(max_line_chars, 1)};
  std::vector<CaptionCue> cues;
  if (mode == CaptionMode::None) return CaptionTrack();
  const auto& slots = timeline.scenes();
  for (std::size_t s = 0; s < slots.size() && s < scenes.size(); ++s) {
    std::vector<CaptionCue> scene_cues;
    bool has_words = false;
    for (const auto& w : scenes[s].words) has_words = has_words || !w.word.empty();
    if (has_words) add_timed_words(slots[s], scenes[s].words, mode, layout, scene_cues);
    else add_paced_phrases(slots[s], scenes[s].text, layout, scene_cues);
    // A scene's captions end where the next scene starts.
    const double next_start = s + 1 < slots.size() ? slots[s + 1].start_s : timeline.total_s();
    for (auto& cue : scene_cues) {
      if (cue.start_s >= next_start) continue;
      cue.end_s = std::min(cue.end_s, next_start);
      cues.push_back(std::move(cue));
    }
  }
  return CaptionTrack(std::move(cues));
}

const std::string& CaptionTrack::markup_at(double t) const {
  static const std::string kNone;
  auto it = std::upper_bound(cues_.begin(), cues_.end(), t,
                             [](double time, const CaptionCue& c) { return time < c.start_s; });
  return it == cues_.begin() ? kNone : std::prev(it)->markup;
}

std::vector<std::string> split_phrases(const std::string& text, std::size_t max_words) {
  const auto words = split_words(text);
  std::vector<std::string> phrases;
  for (const auto& r : phrase_ranges(words, max_words)) {
    std::string phrase;
    for (std::size_t i = r.first; i < r.second; ++i) phrase += (i == r.first ? "" : " ") + words[i];
    phrases.push_back(std::move(phrase));
  }
  return phrases;
}

std::vector<std::size_t> line_starts(const std::vector<std::string>& words, std::size_t max_chars) {
  std::vector<std::size_t> sizes;
  std::size_t total = 0;
  for (const auto& w : words) {
    sizes.push_back(utf8_length(w));
    total += sizes.back() + 1;
  }
  // Greedy filling at a given width; a word longer than the width gets a line of its own.
  auto wrap = [&](std::size_t width) {
    std::vector<std::size_t> starts;
    std::size_t length = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      if (length > 0 && length + 1 + sizes[i] > width) {
        starts.push_back(i);
        length = sizes[i];
      } else {
        length = length == 0 ? sizes[i] : length + 1 + sizes[i];
      }
    }
    return starts;
  };
  // As few lines as the limit allows, then the narrowest width that keeps that count,
  // so the lines come out of similar length.
  const auto fewest = wrap(max_chars);
  const std::size_t lines = fewest.size() + 1;
  for (std::size_t width = total / lines; width < max_chars; ++width) {
    auto starts = wrap(width);
    if (starts.size() <= fewest.size()) return starts;
  }
  return fewest;
}

}  // namespace reelflow::compositor
