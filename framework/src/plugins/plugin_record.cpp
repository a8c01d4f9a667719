#include "plugins/plugin_record.hpp"

#include "plugins/stage_spec_json.hpp"

namespace reelflow::framework {

using nlohmann::json;

json plugin_record_to_json(const PluginRecord& record) {
  json types = json::array();
  for (const auto& t : record.stage_types)
    types.push_back({{"name", t.name},
                     {"has_check", t.has_check},
                     {"has_stream_caps", t.has_stream_caps},
                     {"spec", stage_spec_to_json(t.spec)}});
  json values = json::array();
  for (const auto& v : record.value_types)
    values.push_back({{"name", v.name}, {"doc", v.doc}, {"json_schema", v.json_schema}});
  return {{"name", record.name},           {"version", record.version},     {"description", record.description},
          {"abi_major", record.abi_major}, {"abi_minor", record.abi_minor}, {"build_id", record.build_id},
          {"stage_types", std::move(types)},
          {"value_types", std::move(values)}};
}

PluginRecord plugin_record_from_json(const json& j) {
  PluginRecord record;
  record.name = j.at("name").get<std::string>();
  record.version = j.at("version").get<std::string>();
  record.description = j.at("description").get<std::string>();
  record.abi_major = j.at("abi_major").get<unsigned>();
  record.abi_minor = j.at("abi_minor").get<unsigned>();
  record.build_id = j.at("build_id").get<std::string>();
  for (const auto& t : j.at("stage_types"))
    record.stage_types.push_back({t.at("name").get<std::string>(), stage_spec_from_json(t.at("spec")),
                                  t.at("has_check").get<bool>(), t.at("has_stream_caps").get<bool>()});
  for (const auto& v : j.at("value_types"))
    record.value_types.push_back(
        {v.at("name").get<std::string>(), v.at("doc").get<std::string>(), v.at("json_schema").get<std::string>()});
  return record;
}

std::string plugin_record_difference(const PluginRecord& indexed, const PluginRecord& actual) {
  if (indexed.name != actual.name) return "it is now plugin '" + actual.name + "', not '" + indexed.name + "'";
  if (indexed.version != actual.version || indexed.abi_major != actual.abi_major ||
      indexed.abi_minor != actual.abi_minor)
    return "its version changed from " + indexed.version + " to " + actual.version;
  for (const auto& expected : indexed.stage_types) {
    const IndexedStageType* now = nullptr;
    for (const auto& t : actual.stage_types)
      if (t.name == expected.name) now = &t;
    if (!now) return "it no longer provides stage type '" + expected.name + "'";
    if (now->has_check != expected.has_check || now->has_stream_caps != expected.has_stream_caps ||
        !stage_specs_equal(now->spec, expected.spec))
      return "stage type '" + expected.name + "' is declared differently";
  }
  if (actual.stage_types.size() != indexed.stage_types.size()) return "it provides other stage types now";
  if (actual.value_types != indexed.value_types) return "it declares other value types now";
  return {};
}

}  // namespace reelflow::framework
