#pragma once
// What a plugin file provides, as far as the registry and the validator need to
// know without running its code: its name, version and ABI, and each stage
// type's contract. The plugin index stores one per file.
#include <reelflow/stage_spec.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace reelflow::framework {

struct IndexedStageType {
  std::string name;
  StageSpec spec;
  bool has_check = false;        // has a validation-time check (StageTypeInfo::check)
  bool has_stream_caps = false;  // fixes its stream ports' caps from its params
};

// A value type a plugin registers (SDK 2.0).
struct IndexedValueType {
  std::string name;
  std::string doc;
  std::string json_schema;  // may be empty

  bool operator==(const IndexedValueType&) const = default;
};

struct PluginRecord {
  std::string name;
  std::string version;
  std::string description;
  unsigned abi_major = 0;
  unsigned abi_minor = 0;
  // SHA-256 of the library file: part of every stage cache key of its stage
  // types, so a rebuilt plugin is never answered from an older build's results.
  std::string build_id;
  std::vector<IndexedStageType> stage_types;  // in registration order
  std::vector<IndexedValueType> value_types;  // in registration order
};

nlohmann::json plugin_record_to_json(const PluginRecord& record);
// Throws on a malformed record.
PluginRecord plugin_record_from_json(const nlohmann::json& json);

// The first difference between what a plugin was indexed as and what it
// registers now ("stage type 'x' changed"); empty when they are the same.
std::string plugin_record_difference(const PluginRecord& indexed, const PluginRecord& actual);

}  // namespace reelflow::framework
