// The search behind `porttwin size` (docs/size-file.md): the smallest value of an integer resource
// for which a KPI target holds with a stated confidence, assuming more of the resource never makes
// the KPI worse (monotone). At each value tried, replications are added until a one-sided Student-t
// bound decides the target either way (or a cap is reached: then the value counts as not meeting it).
// The values tried: the smallest value, then bracketing (from + 1, + 2, + 4, ... up to the largest),
// then bisection between the last value that fails and the first that meets.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/stats/confidence.hpp"

namespace porttwin::sweep {

struct Target {
  std::string kpi;
  bool below = true;       // KPI < threshold (else KPI > threshold)
  double threshold = 0;    // in the KPI's units
  double confidence = 0.95;
};

enum class Verdict { meets, fails, undecided };

struct Judgement {
  Verdict verdict = Verdict::undecided;
  stats::Interval interval;  // two-sided at the target's confidence, for the printout
  double bound = 0;          // the one-sided bound on the side that decided (the upper one while undecided, for `<`)
};

// With n >= 2 values: `meets` when the one-sided bound at `confidence` is on the right side of the
// threshold (for KPI < x: mean + t_{c,n-1} s/sqrt(n) < x), `fails` when the other one-sided bound is
// on the wrong side, else `undecided`.
Judgement judge(const std::vector<double>& values, const Target& target);

struct ReplicationPlan {
  int initial = 3;  // replications first run at each value
  int step = 2;     // added while undecided
  int max = 30;     // cap: still undecided there, the value counts as not meeting the target
};

struct Evaluation {
  long value = 0;
  int replications = 0;
  Judgement judgement;
};

// Replications 0..n-1 at one value: their KPI values (runs already made are reused by the caller).
using Replicate = std::function<std::vector<double>(long value, int n)>;
// Told of each value's evaluation as it is decided.
using OnEvaluated = std::function<void(const Evaluation&)>;

Evaluation evaluate(long value, const Target& target, const ReplicationPlan& plan, const Replicate& replicate);

struct SizeAnswer {
  std::optional<long> smallest;     // none: even the largest value does not meet the target
  std::vector<Evaluation> steps;    // in the order tried
  std::string reason;               // why the search stopped
  int runs() const;
};

SizeAnswer search_smallest(long from, long to, const Target& target, const ReplicationPlan& plan,
                           const Replicate& replicate, const OnEvaluated& on_evaluated = {});

}  // namespace porttwin::sweep
