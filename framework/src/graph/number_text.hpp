#pragma once
// Strict number syntax for variable values. Checked by hand so that a value's text
// is exactly what was checked: no leading '+', spaces, hex, "inf" or "nan".
#include <string_view>

namespace reelflow::framework {

// -?[0-9]+
bool is_integer_text(std::string_view text);
// -?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?
bool is_number_text(std::string_view text);

}  // namespace reelflow::framework
