#pragma once
// What the file and the stream form of shot_detect share around the detector:
// their detection params and value outputs, the `scene_segmenter.cuts` value
// type, and publishing a finished scan (JSON shot list, scenes, cuts).
#include "shot.hpp"
#include "shot_detector.hpp"
#include "transition.hpp"

#include <reelflow/record.hpp>
#include <reelflow/stage_context.hpp>
#include <reelflow/stage_spec.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace reelflow::scene_segmenter {

// Values: a list of boundaries; each is also emitted alone as it is confirmed.
inline constexpr const char* kCutsType = "scene_segmenter.cuts";
extern const char* const kCutsDoc;
extern const char* const kCutsSchema;

void to_json(nlohmann::json& j, const Transition& t);
Record cut_record(const Transition& t);
Record cuts_record(const std::vector<Transition>& transitions);

// Params threshold, min_scene_len, gradual*, downscale, thumbnails, scene_list_name;
// outputs scenes, scene_list, cuts.
void declare_shot_params_and_outputs(StageSpec& spec);
DetectorSettings detector_settings(const ParamSet& params);
// "" when scene_list_name is a plain file name, else why not.
std::string scene_list_name_error(const ParamSet& params);

// Writes the JSON shot list, sets scenes, scene_list and cuts; returns a one-line summary.
std::string publish_shots(StageContext& context, const std::string& title, const std::vector<Shot>& shots,
                          const std::vector<Transition>& transitions);

}  // namespace reelflow::scene_segmenter
