#pragma once
// One value type for every sampling distribution a scenario can name.
//
// All parameter checks and derived constants live in the factories, so sample() does no
// validation and no transcendental set-up: it is on the simulator's hot path.
// sample() keeps no state of its own: everything random comes from the Stream, so one
// Distribution can be shared by components drawing from different streams.

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "sim/random/stream.hpp"

namespace porttwin {

namespace distribution_detail {

struct Constant {
  double value;
};
struct Exponential {
  double mean;
};
struct Uniform {
  double lo, hi;
};
struct Triangular {
  double lo, mode, hi;
  double mode_cdf;  // P(X <= mode): where inversion switches from the left to the right branch
};
struct TruncatedNormal {
  double mean, sd;       // of the untruncated normal
  double lower_z;        // the truncation point 0 in standard units
  double robert_rate;    // rate of Robert's exponential proposal, used when lower_z > 0
  double exact_mean, exact_variance;
};
struct Lognormal {
  double mean, cv;
  double mu, sigma;  // of the underlying normal
};
struct Gamma {
  double mean, cv;
  double shape, scale;
  // Marsaglia-Tsang constants for shape max(shape, shape+1); shapes below 1 are boosted by one.
  double mt_d, mt_c, inverse_shape;
};
struct Erlang {
  int k;
  double mean;
};
struct Empirical {
  std::vector<double> values, probabilities, cumulative;
  double exact_mean, exact_variance;
};

}  // namespace distribution_detail

class Distribution {
 public:
  enum class Kind { Constant, Exponential, Uniform, Triangular, TruncatedNormal, Lognormal, Gamma, Erlang, Empirical };

  // Every factory throws std::invalid_argument, naming the distribution and the parameter, when a
  // parameter is invalid. Means of exponential, lognormal, gamma and erlang must be > 0.
  static Distribution constant(double value);
  static Distribution exponential(double mean);
  static Distribution uniform(double lo, double hi);                  // lo <= hi
  static Distribution triangular(double lo, double mode, double hi);  // lo <= mode <= hi
  // Normal truncated at 0; mean and sd are those of the UNtruncated normal (sd >= 0).
  // Sampled by rejection when mean >= 0, by Robert's exponential proposal otherwise.
  static Distribution truncated_normal(double mean, double sd);
  // By mean and coefficient of variation of the lognormal itself (cv >= 0).
  static Distribution lognormal(double mean, double cv);
  static Distribution gamma(double mean, double cv);  // cv >= 0; cv = 0 is the constant `mean`
  static Distribution erlang(int k, double mean);     // k >= 1
  // Discrete table: `values[i]` with probability weights[i] / sum(weights); every weight > 0.
  static Distribution empirical(std::vector<double> values, std::vector<double> weights);

  double sample(rng::Stream& s) const;
  double mean() const;      // exact theoretical mean (truncated normal: of the truncated law)
  double variance() const;  // exact theoretical variance
  // P(X <= x), and its inverse: the least x with cdf(x) >= p, p in [0, 1] (p is kept inside
  // (0, 1) by 1e-12 so that unbounded laws give finite values). Through Boost.Math
  // (distribution_inverse.cpp); with them two draws can be coupled by a Gaussian copula.
  double cdf(double x) const;
  double quantile(double p) const;
  Kind kind() const;
  std::string describe() const;  // e.g. "lognormal(mean=45, cv=0.5)"
  // The scenario-file spelling, e.g. {dist: lognormal, mean: 50s, cv: 0.4}: `value_text` formats the
  // values in the distribution's unit (means, bounds, sd, table values), not cv, k or weights.
  std::string scenario_text(const std::function<std::string(double)>& value_text) const;

 private:
  using Parameters = std::variant<distribution_detail::Constant, distribution_detail::Exponential,
                                  distribution_detail::Uniform, distribution_detail::Triangular,
                                  distribution_detail::TruncatedNormal, distribution_detail::Lognormal,
                                  distribution_detail::Gamma, distribution_detail::Erlang,
                                  distribution_detail::Empirical>;
  explicit Distribution(Parameters parameters);

  Parameters parameters_;
};

}  // namespace porttwin
