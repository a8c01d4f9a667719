#include "sandbox/termination.hpp"

#include <sys/wait.h>

#include <csignal>
#include <cstring>

namespace reelflow::framework::sandbox {
namespace {

std::string subject(const std::vector<const StageOutcome*>& running) {
  if (running.empty()) return "the confined run";
  std::string names;
  for (const StageOutcome* s : running) names += (names.empty() ? "" : ", ") + s->id + " (" + s->type + ")";
  return (running.size() == 1 ? "stage " : "one of stages ") + names;
}

bool is_crash(int signal) {
  switch (signal) {
    case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGABRT: case SIGTRAP: case SIGSYS: return true;
    default: return false;
  }
}

std::string signal_text(int signal) {
  const char* description = ::sigdescr_np(signal);
  return "signal " + std::to_string(signal) + (description ? std::string(" (") + description + ")" : "");
}

}  // namespace

std::string termination_message(const std::vector<const StageOutcome*>& running, int status,
                                const ChildLimitsInEffect& limits, const std::string& last_error_line) {
  const std::string who = subject(running);
  if (WIFEXITED(status)) {
    std::string text = who + " exited without a result (exit code " + std::to_string(WEXITSTATUS(status)) + ")";
    return last_error_line.empty() ? text : text + ": " + last_error_line;
  }
  const int signal = WTERMSIG(status);
  if (signal == SIGXCPU)
    return who + " exceeded the CPU time limit of " + std::to_string(limits.cpu_seconds) + " s (signal " +
           std::to_string(signal) + ")";
  if (signal == SIGXFSZ)
    return who + " exceeded the file size limit of " + std::to_string(limits.file_bytes) + " bytes (signal " +
           std::to_string(signal) + ")";
  if (is_crash(signal)) return who + " crashed: " + signal_text(signal);
  return who + " was killed (signal " + std::to_string(signal) + ")";
}

}  // namespace reelflow::framework::sandbox
