#pragma once
// The job service's page (tools/service/web/), built into the binary. Its script and
// style are files of their own: the Content-Security-Policy allows no inline code.
namespace reelflow::service::web {
extern const char* const kIndexHtml;
extern const char* const kAppJs;
extern const char* const kAppCss;
}  // namespace reelflow::service::web
