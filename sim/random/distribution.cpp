#include "sim/random/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace porttwin {

using namespace distribution_detail;

namespace {

void require(bool condition, const std::string& distribution, const std::string& what) {
  if (!condition) throw std::invalid_argument(distribution + ": " + what);
}

bool finite(double x) { return std::isfinite(x); }

std::string number(double x) {
  std::ostringstream out;
  out.precision(10);
  out << x;
  return out.str();
}

std::string list(const std::vector<double>& xs) {
  std::string text = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) text += (i ? ", " : "") + number(xs[i]);
  return text + "]";
}

// --- sampling -------------------------------------------------------------------------------

double draw(const Constant& d, rng::Stream&) { return d.value; }

double draw(const Exponential& d, rng::Stream& s) { return s.exponential(d.mean); }

double draw(const Uniform& d, rng::Stream& s) { return s.uniform(d.lo, d.hi); }

double draw(const Triangular& d, rng::Stream& s) {
  const double u = s.uniform01();
  const double range = d.hi - d.lo;
  if (u < d.mode_cdf) return d.lo + std::sqrt(u * range * (d.mode - d.lo));
  return d.hi - std::sqrt((1 - u) * range * (d.hi - d.mode));
}

double draw(const TruncatedNormal& d, rng::Stream& s) {
  if (d.sd == 0) return d.mean;
  if (d.lower_z <= 0) {
    // At least half of the untruncated mass is kept: plain rejection needs < 2 tries on average.
    for (;;) {
      const double x = s.normal(d.mean, d.sd);
      if (x >= 0) return x;
    }
  }
  // Truncation point in the upper tail: Robert (1995) exponential proposal, acceptance >= 76%
  // however far out the tail is, where plain rejection could loop for ever.
  for (;;) {
    const double z = d.lower_z + s.exponential(1 / d.robert_rate);
    const double gap = z - d.robert_rate;
    if (s.uniform01() <= std::exp(-0.5 * gap * gap)) return std::max(0.0, d.mean + d.sd * z);
  }
}

double draw(const Lognormal& d, rng::Stream& s) { return std::exp(s.normal(d.mu, d.sigma)); }

// Marsaglia & Tsang (2000); written out so that draws come only from the stream and are the
// same on every standard library.
double draw(const Gamma& d, rng::Stream& s) {
  if (d.cv == 0) return d.mean;
  double x = 0, v = 0;
  for (;;) {
    do {
      x = s.normal(0, 1);
      v = 1 + d.mt_c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = s.uniform01();
    const double x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) break;
    if (std::log(u) < 0.5 * x2 + d.mt_d * (1 - v + std::log(v))) break;
  }
  double value = d.mt_d * v;
  if (d.shape < 1) value *= std::pow(s.uniform01(), d.inverse_shape);
  return value * d.scale;
}

double draw(const Erlang& d, rng::Stream& s) {
  // Sum of k exponentials as one log of a product of uniforms; the product is folded into a
  // log before it could underflow, so large k stays exact.
  double product = 1, log_sum = 0;
  for (int i = 0; i < d.k; ++i) {
    product *= s.uniform01();
    if (product < 1e-280) {
      log_sum += std::log(product);
      product = 1;
    }
  }
  return -(d.mean / d.k) * (log_sum + std::log(product));
}

double draw(const Empirical& d, rng::Stream& s) {
  const double u = s.uniform01();
  const auto it = std::upper_bound(d.cumulative.begin(), d.cumulative.end(), u);
  const auto index = std::min<std::size_t>(it - d.cumulative.begin(), d.values.size() - 1);
  return d.values[index];
}

// --- moments --------------------------------------------------------------------------------

double mean_of(const Constant& d) { return d.value; }
double mean_of(const Exponential& d) { return d.mean; }
double mean_of(const Uniform& d) { return (d.lo + d.hi) / 2; }
double mean_of(const Triangular& d) { return (d.lo + d.mode + d.hi) / 3; }
double mean_of(const TruncatedNormal& d) { return d.exact_mean; }
double mean_of(const Lognormal& d) { return d.mean; }
double mean_of(const Gamma& d) { return d.mean; }
double mean_of(const Erlang& d) { return d.mean; }
double mean_of(const Empirical& d) { return d.exact_mean; }

double variance_of(const Constant&) { return 0; }
double variance_of(const Exponential& d) { return d.mean * d.mean; }
double variance_of(const Uniform& d) { return (d.hi - d.lo) * (d.hi - d.lo) / 12; }
double variance_of(const Triangular& d) {
  const double a = d.lo, c = d.mode, b = d.hi;
  return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
}
double variance_of(const TruncatedNormal& d) { return d.exact_variance; }
double variance_of(const Lognormal& d) { return (d.mean * d.cv) * (d.mean * d.cv); }
double variance_of(const Gamma& d) { return (d.mean * d.cv) * (d.mean * d.cv); }
double variance_of(const Erlang& d) { return d.mean * d.mean / d.k; }
double variance_of(const Empirical& d) { return d.exact_variance; }

// --- descriptions ---------------------------------------------------------------------------

std::string describe_one(const Constant& d) { return "constant(value=" + number(d.value) + ")"; }
std::string describe_one(const Exponential& d) { return "exponential(mean=" + number(d.mean) + ")"; }
std::string describe_one(const Uniform& d) {
  return "uniform(lo=" + number(d.lo) + ", hi=" + number(d.hi) + ")";
}
std::string describe_one(const Triangular& d) {
  return "triangular(lo=" + number(d.lo) + ", mode=" + number(d.mode) + ", hi=" + number(d.hi) + ")";
}
std::string describe_one(const TruncatedNormal& d) {
  return "truncated_normal(mean=" + number(d.mean) + ", sd=" + number(d.sd) + ")";
}
std::string describe_one(const Lognormal& d) {
  return "lognormal(mean=" + number(d.mean) + ", cv=" + number(d.cv) + ")";
}
std::string describe_one(const Gamma& d) { return "gamma(mean=" + number(d.mean) + ", cv=" + number(d.cv) + ")"; }
std::string describe_one(const Erlang& d) {
  return "erlang(k=" + std::to_string(d.k) + ", mean=" + number(d.mean) + ")";
}
std::string describe_one(const Empirical& d) {
  return "empirical(values=" + list(d.values) + ", weights=" + list(d.probabilities) + ")";
}

// --- scenario-file spelling ------------------------------------------------------------------

using ValueText = std::function<std::string(double)>;

std::string values_text(const std::vector<double>& xs, const ValueText& text) {
  std::string out = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + text(xs[i]);
  return out + "]";
}

std::string scenario_one(const Constant& d, const ValueText& t) { return t(d.value); }
std::string scenario_one(const Exponential& d, const ValueText& t) { return "{dist: exponential, mean: " + t(d.mean) + "}"; }
std::string scenario_one(const Uniform& d, const ValueText& t) {
  return "{dist: uniform, min: " + t(d.lo) + ", max: " + t(d.hi) + "}";
}
std::string scenario_one(const Triangular& d, const ValueText& t) {
  return "{dist: triangular, min: " + t(d.lo) + ", mode: " + t(d.mode) + ", max: " + t(d.hi) + "}";
}
std::string scenario_one(const TruncatedNormal& d, const ValueText& t) {
  return "{dist: normal, mean: " + t(d.mean) + ", sd: " + t(d.sd) + "}";
}
std::string scenario_one(const Lognormal& d, const ValueText& t) {
  return "{dist: lognormal, mean: " + t(d.mean) + ", cv: " + number(d.cv) + "}";
}
std::string scenario_one(const Gamma& d, const ValueText& t) {
  return "{dist: gamma, mean: " + t(d.mean) + ", cv: " + number(d.cv) + "}";
}
std::string scenario_one(const Erlang& d, const ValueText& t) {
  return "{dist: erlang, k: " + std::to_string(d.k) + ", mean: " + t(d.mean) + "}";
}
std::string scenario_one(const Empirical& d, const ValueText& t) {
  return "{dist: empirical, values: " + values_text(d.values, t) + ", weights: " + list(d.probabilities) + "}";
}

// --- truncated normal moments ---------------------------------------------------------------

// Beyond this many standard deviations the kept mass underflows double precision.
constexpr double max_truncation_z = 30;

// phi(z) / (1 - Phi(z)): the inverse Mills ratio, the shift of the mean caused by truncation.
double inverse_mills_ratio(double z) {
  const double density = std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi);
  const double upper_tail = 0.5 * std::erfc(z / std::numbers::sqrt2);
  return density / upper_tail;
}

}  // namespace

Distribution::Distribution(Parameters parameters) : parameters_(std::move(parameters)) {}

Distribution Distribution::constant(double value) {
  require(finite(value), "constant", "value must be finite");
  return Distribution(Constant{value});
}

Distribution Distribution::exponential(double mean) {
  require(finite(mean) && mean > 0, "exponential", "mean must be positive and finite, got " + number(mean));
  return Distribution(Exponential{mean});
}

Distribution Distribution::uniform(double lo, double hi) {
  require(finite(lo) && finite(hi), "uniform", "bounds must be finite");
  require(lo <= hi, "uniform", "lo (" + number(lo) + ") must not exceed hi (" + number(hi) + ")");
  return Distribution(Uniform{lo, hi});
}

Distribution Distribution::triangular(double lo, double mode, double hi) {
  require(finite(lo) && finite(mode) && finite(hi), "triangular", "parameters must be finite");
  require(lo <= mode && mode <= hi, "triangular",
          "need lo <= mode <= hi, got lo=" + number(lo) + ", mode=" + number(mode) + ", hi=" + number(hi));
  const double range = hi - lo;
  const double mode_cdf = range > 0 ? (mode - lo) / range : 0.5;
  return Distribution(Triangular{lo, mode, hi, mode_cdf});
}

Distribution Distribution::truncated_normal(double mean, double sd) {
  const std::string name = "truncated_normal";
  require(finite(mean) && finite(sd), name, "parameters must be finite");
  require(sd >= 0, name, "sd must not be negative, got " + number(sd));
  if (sd == 0) {
    require(mean >= 0, name, "with sd = 0 the mean must not be negative");
    return Distribution(TruncatedNormal{mean, sd, 0, 0, mean, 0});
  }
  const double lower_z = -mean / sd;
  require(lower_z <= max_truncation_z, name,
          "mean " + number(mean) + " lies too many sd below the truncation point 0");
  const double robert_rate = (lower_z + std::sqrt(lower_z * lower_z + 4)) / 2;
  const double mills = inverse_mills_ratio(lower_z);
  const double exact_mean = mean + sd * mills;
  const double exact_variance = sd * sd * std::max(0.0, 1 + lower_z * mills - mills * mills);
  return Distribution(TruncatedNormal{mean, sd, lower_z, robert_rate, exact_mean, exact_variance});
}

Distribution Distribution::lognormal(double mean, double cv) {
  require(finite(mean) && mean > 0, "lognormal", "mean must be positive and finite, got " + number(mean));
  require(finite(cv) && cv >= 0, "lognormal", "cv must not be negative, got " + number(cv));
  const double sigma2 = std::log1p(cv * cv);
  return Distribution(Lognormal{mean, cv, std::log(mean) - sigma2 / 2, std::sqrt(sigma2)});
}

Distribution Distribution::gamma(double mean, double cv) {
  require(finite(mean) && mean > 0, "gamma", "mean must be positive and finite, got " + number(mean));
  require(finite(cv) && cv >= 0, "gamma", "cv must not be negative, got " + number(cv));
  if (cv == 0) return Distribution(Gamma{mean, cv, 0, 0, 0, 0, 0});
  const double shape = 1 / (cv * cv);
  const double scale = mean * cv * cv;
  const double boosted_shape = shape < 1 ? shape + 1 : shape;
  const double mt_d = boosted_shape - 1.0 / 3;
  const double mt_c = 1 / std::sqrt(9 * mt_d);
  return Distribution(Gamma{mean, cv, shape, scale, mt_d, mt_c, 1 / shape});
}

Distribution Distribution::erlang(int k, double mean) {
  require(k >= 1, "erlang", "k must be at least 1, got " + std::to_string(k));
  require(finite(mean) && mean > 0, "erlang", "mean must be positive and finite, got " + number(mean));
  return Distribution(Erlang{k, mean});
}

Distribution Distribution::empirical(std::vector<double> values, std::vector<double> weights) {
  const std::string name = "empirical";
  require(!values.empty(), name, "the table is empty");
  require(values.size() == weights.size(), name,
          std::to_string(values.size()) + " values but " + std::to_string(weights.size()) + " weights");
  for (double v : values) require(finite(v), name, "values must be finite");
  for (double w : weights) require(finite(w) && w > 0, name, "weights must be positive and finite, got " + number(w));

  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> probabilities(weights.size()), cumulative(weights.size());
  double running = 0, exact_mean = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    probabilities[i] = weights[i] / total;
    running += weights[i];
    cumulative[i] = running / total;
    exact_mean += probabilities[i] * values[i];
  }
  cumulative.back() = 1;  // rounding must not leave a gap that a uniform draw could fall into
  double exact_variance = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    exact_variance += probabilities[i] * (values[i] - exact_mean) * (values[i] - exact_mean);
  return Distribution(Empirical{std::move(values), std::move(probabilities), std::move(cumulative), exact_mean,
                                exact_variance});
}

double Distribution::sample(rng::Stream& s) const {
  return std::visit([&s](const auto& d) { return draw(d, s); }, parameters_);
}

double Distribution::mean() const {
  return std::visit([](const auto& d) { return mean_of(d); }, parameters_);
}

double Distribution::variance() const {
  return std::visit([](const auto& d) { return variance_of(d); }, parameters_);
}

Distribution::Kind Distribution::kind() const {
  // kind() relies on the variant listing the parameter structs in the order of Kind.
  constexpr auto index = [](Kind k) { return static_cast<std::size_t>(k); };
  static_assert(std::is_same_v<std::variant_alternative_t<index(Kind::Constant), Parameters>, Constant> &&
                std::is_same_v<std::variant_alternative_t<index(Kind::Exponential), Parameters>, Exponential> &&
                std::is_same_v<std::variant_alternative_t<index(Kind::Uniform), Parameters>, Uniform> &&
                std::is_same_v<std::variant_alternative_t<index(Kind::Triangular), Parameters>, Triangular> &&
                std::is_same_v<std::variant_alternative_t<index(Kind::TruncatedNormal), Parameters>, TruncatedNormal> &&
                std::is_same_v<std::variant_alternative_t<index(Kind::Lognormal), Parameters>, Lognormal> &&
                std::is_same_v<std::variant_alternative_t<index(Kind::Gamma), Parameters>, Gamma> &&
                std::is_same_v<std::variant_alternative_t<index(Kind::Erlang), Parameters>, Erlang> &&
                std::is_same_v<std::variant_alternative_t<index(Kind::Empirical), Parameters>, Empirical> &&
                std::variant_size_v<Parameters> == index(Kind::Empirical) + 1);
  return static_cast<Kind>(parameters_.index());
}

std::string Distribution::scenario_text(const std::function<std::string(double)>& value_text) const {
  return std::visit([&](const auto& d) { return scenario_one(d, value_text); }, parameters_);
}

std::string Distribution::describe() const {
  return std::visit([](const auto& d) { return describe_one(d); }, parameters_);
}

}  // namespace porttwin
