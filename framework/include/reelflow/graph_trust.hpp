#pragma once
// How far a graph and its variables are trusted, by where they come from.
namespace reelflow {

// Whether ${env:NAME} in a graph reads this process's environment. A graph from an
// untrusted source (the job service's uploads) gets Forbidden: its outputs would
// otherwise carry this process's secrets.
enum class GraphEnvironment { Process, Forbidden };

// Who set a graph's variables. A job request may not set a variable the graph
// declares `trusted: true`; whoever runs the graph (a command line, an embedding host) may.
enum class VariableSource { Runner, Job };

}  // namespace reelflow
