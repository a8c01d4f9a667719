#pragma once
// The offline writer's phrase bank: per kind of scene, sentences built around the
// topic's own words (topic_terms.hpp) and a visual description for the picture.
// Placeholders: {s} the subject, {S} it capitalised, {a} the action ("make honey"),
// {f} the facet ("history"), {k} a key word beside the subject, {be}/{have}/{do}
// agreeing with the subject. A sentence using {a}, {f} or {k} is left out when the
// topic has none, and one about "they" when the subject is singular.
#include "script_templates.hpp"
#include "topic_terms.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace reelflow::llm_script {

std::span<const std::string_view> topic_phrases_for(SceneRole role);
std::string_view topic_visual_for(SceneRole role);

// The pattern with the topic's words in place; empty when it needs a word the topic lacks.
std::string fill_topic_phrase(std::string_view pattern, const TopicTerms& terms);

}  // namespace reelflow::llm_script
