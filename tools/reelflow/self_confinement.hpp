#pragma once
// The confinement of runs this CLI starts: the child is this very program
// (its hidden `sandbox-child` subcommand), with the default limits.
#include <reelflow/confinement.hpp>

#include <filesystem>

namespace reelflow::cli {

inline Confinement self_confinement() {
  Confinement confinement;
  confinement.child_program = std::filesystem::read_symlink("/proc/self/exe");
  return confinement;
}

}  // namespace reelflow::cli
