#include "sim/app/sweep/size_search.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/stats/ratio.hpp"

namespace porttwin::sweep {

namespace {

bool meets(const Evaluation& e) { return e.judgement.verdict == Verdict::meets; }

std::string value_text(long v) { return std::to_string(v); }

}  // namespace

Judgement judge(const std::vector<double>& all_values, const Target& target) {
  // A replication where the target KPI has no case (undefined) cannot speak for or against it.
  const std::vector<double> values = stats::defined_values(all_values);
  Judgement j;
  j.interval = stats::student_t(values, target.confidence);
  if (values.size() < 2) {
    j.bound = target.below ? j.interval.upper : j.interval.lower;
    return j;
  }
  // A one-sided bound at confidence c is a two-sided interval at 2c - 1.
  const double t_two = stats::student_t_quantile(target.confidence, j.interval.n - 1);
  const double half_two = j.interval.half_width;
  const double t_one = stats::student_t_quantile(2 * target.confidence - 1, j.interval.n - 1);
  const double half = t_two > 0 ? half_two / t_two * t_one : 0;
  const double upper = j.interval.mean + half, lower = j.interval.mean - half;
  const double x = target.threshold;
  if (target.below) {
    j.verdict = upper < x ? Verdict::meets : lower >= x ? Verdict::fails : Verdict::undecided;
    j.bound = j.verdict == Verdict::fails ? lower : upper;
  } else {
    j.verdict = lower > x ? Verdict::meets : upper <= x ? Verdict::fails : Verdict::undecided;
    j.bound = j.verdict == Verdict::fails ? upper : lower;
  }
  return j;
}

Evaluation evaluate(long value, const Target& target, const ReplicationPlan& plan, const Replicate& replicate) {
  Evaluation e;
  e.value = value;
  int n = std::max(2, std::min(plan.initial, plan.max));
  for (;;) {
    e.replications = n;
    e.judgement = judge(replicate(value, n), target);
    if (e.judgement.verdict != Verdict::undecided || n >= plan.max) return e;
    n = std::min(plan.max, n + std::max(1, plan.step));
  }
}

int SizeAnswer::runs() const {
  std::map<long, int> most;  // replications are reused when a value is tried again
  for (const auto& s : steps) most[s.value] = std::max(most[s.value], s.replications);
  int total = 0;
  for (const auto& [value, n] : most) total += n;
  return total;
}

SizeAnswer search_smallest(long from, long to, const Target& target, const ReplicationPlan& plan,
                           const Replicate& replicate, const OnEvaluated& on_evaluated) {
  SizeAnswer answer;
  auto tried = [&](long v) {
    answer.steps.push_back(evaluate(v, target, plan, replicate));
    if (on_evaluated) on_evaluated(answer.steps.back());
    return answer.steps.back();
  };
  auto undecided_note = [&](const Evaluation& e) {
    return e.judgement.verdict == Verdict::undecided
               ? " (still undecided after " + std::to_string(e.replications) + " replications: counted as not meeting)"
               : std::string();
  };
  if (meets(tried(from))) {
    answer.smallest = from;
    answer.reason = "the smallest value searched, " + value_text(from) + ", already meets the target";
    return answer;
  }
  // Bracketing: from + 1, + 2, + 4, ... (the largest value last) until one meets.
  long failing = from, meeting = 0;
  bool bracketed = false;
  for (long step = 1; failing < to; step *= 2) {
    const long v = std::min(to, from + step);
    if (meets(tried(v))) {
      meeting = v;
      bracketed = true;
      break;
    }
    failing = v;
  }
  if (!bracketed) {
    answer.reason = "even the largest value searched, " + value_text(to) + ", does not meet the target" +
                    undecided_note(answer.steps.back());
    return answer;
  }
  // Bisection: `failing` fails, `meeting` meets.
  while (meeting - failing > 1) {
    const long mid = failing + (meeting - failing) / 2;
    (meets(tried(mid)) ? meeting : failing) = mid;
  }
  answer.smallest = meeting;
  const auto below = std::find_if(answer.steps.rbegin(), answer.steps.rend(), [&](const Evaluation& e) { return e.value == failing; });
  answer.reason = value_text(failing) + " does not meet the target" + undecided_note(*below) + " and " +
                  value_text(meeting) + " does: with a monotone resource, " + value_text(meeting) + " is the smallest";
  return answer;
}

}  // namespace porttwin::sweep
