# Turns web/index.html into a C++ source, so the binary serves its page with no
# files beside it. Run by the build whenever the page changes.
file(READ "${INPUT}" page)
string(FIND "${page}" ")RFWEB\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )RFWEB\"")
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from tools/service/web/index.html; do not edit.\n#include \"web_page.hpp\"\n\nnamespace reelflow::service::web {\nconst char* const kIndexHtml = R\"RFWEB(${page})RFWEB\";\n}\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
