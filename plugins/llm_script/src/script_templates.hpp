#pragma once
// The rhetorical building blocks of the offline writer: for each kind of scene,
// sentences in speaking order, caption choices and a visual description.
// Placeholders: {t} the topic as written, {T} the topic capitalized, {d} the
// length of the video as a phrase ("45 seconds"). Sentences are written so that
// any noun phrase fits {t} (no verb agrees with it).
#include <span>
#include <string_view>

namespace reelflow::llm_script {

enum class SceneRole {
  Intro,
  WhatItIs,
  HowItWorks,
  WhyItMatters,
  SurprisingFact,
  Example,
  History,
  Misconception,
  Tip,
  Future,
  Recap,
};

struct RoleTemplates {
  std::span<const std::string_view> sentences;
  std::span<const std::string_view> captions;  // <= 4 words each, {t} allowed
  std::string_view visual;
};

const RoleTemplates& templates_for(SceneRole role);

// The order the middle of a script walks through (then starts over).
std::span<const SceneRole> body_roles();

std::span<const std::string_view> hook_templates();
// One of these closes the last scene; the caption is used when the scene says nothing else.
struct CallToAction {
  std::string_view sentence;
  std::string_view caption;
};
std::span<const CallToAction> calls_to_action();
// Follow-up sentences that tie a short note back to the topic.
std::span<const std::string_view> elaboration_templates();

}  // namespace reelflow::llm_script
