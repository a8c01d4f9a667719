#pragma once
// The job service's page (tools/service/web/index.html), built into the binary.
namespace reelflow::service::web {
extern const char* const kIndexHtml;
}
