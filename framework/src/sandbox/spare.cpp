#include "sandbox/spare.hpp"

#include "sandbox/job_handover.hpp"
#include "sandbox/pipe.hpp"
#include "sandbox/request_file.hpp"

#include <poll.h>

#include <filesystem>

namespace reelflow::framework::sandbox {

bool Spare::alive() const {
  pollfd exited{process->exit_fd(), POLLIN, 0};
  return ::poll(&exited, 1, 0) == 0;
}

std::unique_ptr<Spare> start_spare(const SpareShape& shape) {
  std::filesystem::create_directories(shape.access.output_dir);  // a rule on a missing path would be skipped
  // The network is allowed at birth: a job without it adds the seccomp filter
  // and Landlock layer that deny it.
  const ChildSandbox sandbox({shape.access, true, shape.limits, shape.environment});
  auto [parent_end, spare_end] = job_socket_pair();
  Pipe out = make_pipe();
  Pipe err = make_pipe();
  ChildSpec child;
  child.program = shape.access.child_program.string();
  child.argv = {child.program, "sandbox-child"};
  sandbox.apply_to(child);
  child.stdin_fd = spare_end.get();
  child.stdout_fd = out.write.get();
  child.stderr_fd = err.write.get();
  auto spare = std::make_unique<Spare>();
  spare->shape = shape;
  spare->process = std::make_unique<ChildProcess>(child);
  spare->jobs = std::move(parent_end);
  spare->out = std::move(out.read);
  spare->err = std::move(err.read);
  return spare;
}

std::unique_ptr<ChildProcess> hand_over(Spare& spare, const ConfinedRequest& request, const ChildSandbox& sandbox) {
  const UniqueFd narrowing = json_file(narrowing_to_json(sandbox.narrowing()));
  const UniqueFd file = request_file(request);
  if (!send_job(spare.jobs.get(), narrowing.get(), file.get(), sandbox.ruleset_fd(), sandbox.kept_fds())) return nullptr;
  spare.jobs.reset();  // one job per spare: it reads no second one
  return std::move(spare.process);
}

}  // namespace reelflow::framework::sandbox
