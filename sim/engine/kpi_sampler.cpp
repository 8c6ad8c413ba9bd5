#include "sim/engine/kpi_sampler.hpp"

namespace porttwin {

KpiSampler::KpiSampler(Recorder& recorder, std::vector<Station*> stations) : recorder_(recorder) {
  for (Station* s : stations) {
    const std::string& n = s->name();
    series_.push_back({s, recorder.kpi_series(n + ".queue", s->config().entity, "Average number waiting over the interval"),
                       recorder.kpi_series(n + ".busy", "servers", "Average number of busy servers over the interval"),
                       recorder.kpi_series(n + ".completions", s->config().entity, "Services completed in the interval")});
  }
}

void KpiSampler::sample(double now) {
  for (auto& s : series_) {
    recorder_.kpi_value(s.queue, s.station->queue_length().take_interval_mean(now));
    recorder_.kpi_value(s.busy, s.station->busy_servers().take_interval_mean(now));
    const std::int64_t done = s.station->finished_total();
    recorder_.kpi_value(s.done, static_cast<double>(done - s.last_done));
    s.last_done = done;
  }
}

}  // namespace porttwin
