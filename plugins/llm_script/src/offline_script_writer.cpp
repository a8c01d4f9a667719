#include "offline_script_writer.hpp"

#include "note_outline.hpp"
#include "note_scene_planner.hpp"
#include "script_templates.hpp"
#include "sentence_pool.hpp"
#include "stable_hash.hpp"
#include "text_tools.hpp"
#include "topic_phrases.hpp"
#include "topic_terms.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <utility>

namespace reelflow::llm_script {
namespace {

constexpr int kMaxSentencesPerScene = 3;
constexpr int kMaxCaptionWords = 6;
// How much of a note's first sentence its scene's visual description quotes.
constexpr int kMaxVisualNoteWords = 16;
// A note shorter than this share of its scene's budget gets a follow-up sentence.
constexpr double kShortNoteShare = 0.6;
// Taking a role's opening sentence ("Here is how it works.") reads better; it may
// cost this many words of budget accuracy.
constexpr double kOpenerBonusWords = 3.0;
// Words of budget error a sentence about the topic's own words is worth (topic_phrases.hpp).
constexpr double kTopicSentenceBonus = 4.0;
// Scripts further than this from the target duration are reported.
constexpr double kDurationTolerance = 0.25;

std::vector<SceneRole> roles_for(int scene_count) {
  if (scene_count == 1) return {SceneRole::WhatItIs};
  if (scene_count == 2) return {SceneRole::WhatItIs, SceneRole::Recap};
  std::vector<SceneRole> roles{SceneRole::Intro};
  auto body = body_roles();
  for (int i = 0; i < scene_count - 2; ++i) roles.push_back(body[static_cast<std::size_t>(i) % body.size()]);
  roles.push_back(SceneRole::Recap);
  return roles;
}

// Template scenes that follow the notes when the notes hold too few sentences.
std::vector<SceneRole> padding_roles(int count) {
  static constexpr SceneRole kOrder[] = {SceneRole::WhyItMatters, SceneRole::SurprisingFact, SceneRole::Example,
                                         SceneRole::Tip,          SceneRole::Future,         SceneRole::History,
                                         SceneRole::Misconception};
  std::vector<SceneRole> roles;
  for (int i = 0; i + 1 < count; ++i) roles.push_back(kOrder[static_cast<std::size_t>(i) % std::size(kOrder)]);
  if (count > 0) roles.push_back(SceneRole::Recap);
  return roles;
}

// The topic as it reads inside a sentence: "How bees make honey" -> "how bees make
// honey". Only an opening question word or article is lowered; anything else may be
// a name ("Python", "Mars") and stays as written.
std::string mid_sentence_topic(const std::string& topic) {
  static constexpr std::string_view kCommonOpeners[] = {
      "The", "A", "An", "How", "Why", "What", "When", "Where", "Who", "Which", "Is", "Are", "Can",
      "Do", "Does", "Should", "Will", "My", "Your", "Our", "This", "These", "Those"};
  std::string_view first = std::string_view(topic).substr(0, topic.find(' '));
  for (std::string_view opener : kCommonOpeners)
    if (first == opener) return static_cast<char>(std::tolower(static_cast<unsigned char>(topic[0]))) + topic.substr(1);
  return topic;
}

class OfflineScriptWriter {
 public:
  explicit OfflineScriptWriter(const ScriptBrief& brief)
      : brief_(brief),
        topic_(mid_sentence_topic(brief.topic)),
        terms_(analyse_topic(brief.topic)),
        seed_(stable_hash(brief.topic)),
        elaborations_(filled(elaboration_templates())) {}

  Status write(WrittenScript& out) {
    Script& script = out.script;
    script.topic = brief_.topic;
    script.title = title_case(brief_.topic);
    script.hook = pick(hook_templates(), 1);
    auto actions = calls_to_action();
    call_to_action_ = actions[mix_hash(seed_, 2) % actions.size()];
    words_left_ = brief_.target_words();

    std::vector<PlannedScene> note_scenes;
    int dropped = 0;
    if (!brief_.notes.empty()) {
      std::vector<NoteItem> items = parse_notes(brief_.notes);
      if (items.empty()) return Status::error("llm_script: the notes hold no text to build scenes from");
      NoteScenePlan plan = plan_note_scenes(items, brief_.scenes, kMaxSentencesPerScene);
      note_scenes = std::move(plan.scenes);
      dropped = plan.dropped_sentences;
    }

    std::vector<SceneRole> roles = brief_.notes.empty()
                                       ? roles_for(brief_.scenes)
                                       : padding_roles(brief_.scenes - static_cast<int>(note_scenes.size()));
    for (const PlannedScene& planned : note_scenes) script.scenes.push_back(note_scene(planned));
    for (std::size_t i = 0; i < roles.size(); ++i)
      script.scenes.push_back(template_scene(roles[i], i + 1 == roles.size()));

    report(out, note_scenes.size(), dropped);
    return Status::ok();
  }

 private:
  std::string fill(std::string_view pattern) const {
    std::string text = replace_all(std::string(pattern), "{T}", capitalize_first(brief_.topic));
    text = replace_all(std::move(text), "{t}", topic_);
    return replace_all(std::move(text), "{d}", duration_phrase());
  }

  std::vector<std::string> filled(std::span<const std::string_view> patterns) const {
    std::vector<std::string> out;
    for (std::string_view p : patterns) out.push_back(fill(p));
    return out;
  }

  std::string duration_phrase() const {
    double seconds = brief_.target_duration_s;
    if (seconds <= 90) return std::to_string(std::lround(seconds)) + " seconds";
    return std::to_string(std::lround(seconds / 60.0)) + " minutes";
  }

  std::string pick(std::span<const std::string_view> patterns, std::uint64_t salt) const {
    return fill(patterns[mix_hash(seed_, salt) % patterns.size()]);
  }

  // The word budget of the next scene: what is left, shared by the scenes still to write.
  double next_budget() const {
    int scenes_left = brief_.scenes - written_;
    return std::max(0.0, static_cast<double>(words_left_) / std::max(1, scenes_left));
  }

  ScriptScene finish_scene(ScriptScene scene) {
    words_left_ -= count_words(scene.narration);
    narrations_.insert(scene.narration);
    ++written_;
    return scene;
  }

  // The role's sentences: its opener, then the generic ones and those built from the
  // topic's words (favoured), mixed in an order fixed by the topic.
  SentencePool& pool(SceneRole role) {
    auto it = pools_.find(role);
    if (it != pools_.end()) return it->second;
    std::vector<std::string> generic = filled(templates_for(role).sentences);
    std::vector<std::pair<std::uint64_t, std::pair<std::string, double>>> rest;
    for (std::size_t i = 1; i < generic.size(); ++i)
      rest.push_back({mix_hash(seed_, 500 + i), {generic[i], 0.0}});
    std::uint64_t salt = 700;
    for (std::string_view pattern : topic_phrases_for(role))
      if (std::string text = fill_topic_phrase(pattern, terms_); !text.empty())
        rest.push_back({mix_hash(seed_, salt++), {std::move(text), kTopicSentenceBonus}});
    std::sort(rest.begin(), rest.end());
    std::vector<std::string> sentences{generic.front()};
    std::vector<double> bonus{0.0};
    for (auto& [_, entry] : rest) {
      sentences.push_back(std::move(entry.first));
      bonus.push_back(entry.second);
    }
    return pools_.emplace(role, SentencePool(std::move(sentences), std::move(bonus))).first->second;
  }

  // Sentences for a scene of `role`; borrows from the other body roles once the
  // role's own sentences are used up, and repeats sentences (in new combinations)
  // only when every pool is used up. Returns the role the sentences came from.
  std::pair<SceneRole, std::string> take_sentences(SceneRole role, const SentencePool::Want& want) {
    auto unheard = [this](const std::string& text) { return text.empty() || !narrations_.contains(text); };
    if (auto text = pool(role).take(want, unheard)) return {role, *text};
    for (SceneRole other : body_roles())
      if (auto text = pool(other).take(want, unheard)) return {other, *text};
    pool(role).reuse_all();
    if (auto text = pool(role).take(want, unheard)) return {role, *text};
    return {role, fill(templates_for(role).sentences.front())};
  }

  std::string caption_for(SceneRole role) {
    int visit = visits_[role]++;
    if (role == SceneRole::Intro && count_words(brief_.topic) <= 4) return title_case(brief_.topic);
    auto captions = templates_for(role).captions;
    return fill(captions[(mix_hash(seed_, 100 + static_cast<std::uint64_t>(role)) + static_cast<std::uint64_t>(visit)) %
                         captions.size()]);
  }

  ScriptScene template_scene(SceneRole role, bool last) {
    SentencePool::Want want;
    want.words = next_budget();
    want.seed = mix_hash(seed_, 1000 + static_cast<std::uint64_t>(written_));
    want.opener_bonus = kOpenerBonusWords;
    if (last) {  // the closing scene ends with a call to action
      want.words -= count_words(call_to_action_.sentence);
      want.max_count = kMaxSentencesPerScene - 1;
      want.min_count = role == SceneRole::Recap ? 0 : 1;
    }
    auto [source, narration] = take_sentences(role, want);
    bool seen_before = visits_.contains(source);
    ScriptScene scene;
    scene.caption = narration.empty() ? std::string(call_to_action_.caption) : caption_for(source);
    if (last) narration += (narration.empty() ? "" : " ") + std::string(call_to_action_.sentence);
    scene.narration = std::move(narration);
    scene.visual = fill_topic_phrase(topic_visual_for(source), terms_);
    if (scene.visual.empty()) scene.visual = fill(templates_for(source).visual);
    if (seen_before) scene.visual += ", from a different angle";
    return finish_scene(std::move(scene));
  }

  ScriptScene note_scene(const PlannedScene& planned) {
    double budget = next_budget();
    ScriptScene scene;
    int words = 0;
    for (const std::string& sentence : planned.sentences) {
      scene.narration += (scene.narration.empty() ? "" : " ") + sentence;
      words += count_words(sentence);
    }
    if (words < kShortNoteShare * budget && static_cast<int>(planned.sentences.size()) < kMaxSentencesPerScene) {
      SentencePool::Want want{budget - words, 1, 1, mix_hash(seed_, 2000 + static_cast<std::uint64_t>(written_))};
      if (elaborations_.exhausted()) elaborations_.reuse_all();
      if (auto more = elaborations_.take(want)) scene.narration += " " + *more;
    }
    std::string caption = planned.label.empty() ? planned.sentences.front() : planned.label;
    scene.caption = shorten_phrase(caption, planned.label.empty() ? kMaxCaptionWords - 1 : kMaxCaptionWords);
    scene.visual = leading_words(planned.sentences.front(), kMaxVisualNoteWords) + ", illustrated for a video about " +
                   topic_;
    return finish_scene(std::move(scene));
  }

  void report(WrittenScript& out, std::size_t note_scene_count, int dropped) const {
    if (dropped > 0)
      out.notices.push_back("the notes hold more than " + std::to_string(brief_.scenes) + " scenes of " +
                            std::to_string(kMaxSentencesPerScene) + " sentences; left out " + std::to_string(dropped) +
                            " sentence(s) (raise 'scenes' to keep them)");
    if (!brief_.notes.empty() && static_cast<int>(note_scene_count) < brief_.scenes)
      out.notices.push_back("the notes fill " + std::to_string(note_scene_count) + " of " +
                            std::to_string(brief_.scenes) + " scenes; the rest come from templates");
    int words = 0;
    for (const ScriptScene& s : out.script.scenes) words += count_words(s.narration);
    double seconds = words / brief_.words_per_second;
    if (std::abs(seconds - brief_.target_duration_s) <= kDurationTolerance * brief_.target_duration_s) return;
    std::string why = !brief_.notes.empty() ? "the notes set most of the length"
                      : seconds < brief_.target_duration_s
                          ? "the templates hold at most " + std::to_string(kMaxSentencesPerScene) +
                                " sentences per scene (raise 'scenes', give notes or use provider openai)"
                          : "every scene needs at least one sentence (lower 'scenes')";
    out.notices.push_back("the offline script speaks for about " + std::to_string(std::lround(seconds)) +
                          " s, target_duration_s is " + std::to_string(std::lround(brief_.target_duration_s)) +
                          " s; " + why);
  }

  const ScriptBrief& brief_;
  std::string topic_;  // as it reads inside a sentence
  TopicTerms terms_;
  std::uint64_t seed_;
  std::map<SceneRole, SentencePool> pools_;
  std::map<SceneRole, int> visits_;
  std::set<std::string> narrations_;
  SentencePool elaborations_;
  CallToAction call_to_action_;
  int words_left_ = 0;
  int written_ = 0;
};

}  // namespace

bool offline_writer_supports(std::string_view language) {
  return language == "en" || language.starts_with("en-") || language.starts_with("en_");
}

Status write_offline_script(const ScriptBrief& brief, WrittenScript& out) {
  return OfflineScriptWriter(brief).write(out);
}

}  // namespace reelflow::llm_script
