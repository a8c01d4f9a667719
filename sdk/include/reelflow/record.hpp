#pragma once
// Values of a plugin's own value types (SDK 2.0) travel as a Record of JSON text.
// With nlohmann-json's to_json/from_json for a C++ struct, these convert both ways:
//
//   struct Detection { double t; std::string label; };
//   NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Detection, t, label)
//   ctx.set_output("detections", to_record("acme.detections", detections));
//   auto d = from_record<std::vector<Detection>>(ctx.input_as<Record>("detections"));
#include <reelflow/value.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace reelflow {

template <class T> Record to_record(std::string type, const T& value) {
  return Record{std::move(type), nlohmann::json(value).dump()};
}

// Throws std::invalid_argument when the JSON does not hold a T.
template <class T> T from_record(const Record& record) {
  try {
    return nlohmann::json::parse(record.json).get<T>();
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument("a '" + record.type + "' value does not convert: " + e.what());
  }
}

}  // namespace reelflow
