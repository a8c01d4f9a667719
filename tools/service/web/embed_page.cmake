# Turns one file of web/ into a C++ source defining reelflow::service::web::<SYMBOL>,
# so the binary serves its page with no files beside it. Run by the build whenever
# the file changes.
file(READ "${INPUT}" page)
string(FIND "${page}" ")RFWEB\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )RFWEB\"")
endif()
get_filename_component(name "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp" "// Generated from tools/service/web/${name}; do not edit.\n#include \"web_page.hpp\"\n\nnamespace reelflow::service::web {\nconst char* const ${SYMBOL} = R\"RFWEB(${page})RFWEB\";\n}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
