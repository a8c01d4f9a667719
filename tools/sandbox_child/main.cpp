// reelflow-sandbox-child: the child of a confined run (Runtime::start_confined,
// docs/security.md "Job confinement"). It links libreelflow only, so it starts
// faster than the CLI's `reelflow sandbox-child`, which also loads the job
// service's libraries (docs/performance.md, "Confinement: the cost per job").
#include <reelflow/confinement.hpp>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <iostream>

int main() {
  // The same log lines as the CLI's: the parent passes them on to its stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("reelflow"));
  spdlog::set_pattern("%^%l%$: %v");
  try {
    return reelflow::run_confined_child();
  } catch (const std::exception& e) {
    std::cerr << "reelflow-sandbox-child: error: " << e.what() << "\n";
    return 1;
  }
}
