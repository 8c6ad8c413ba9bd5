#include "models/model_table.hpp"

#include <algorithm>

#include "models/corridor/corridor_model.hpp"
#include "models/corridor/corridor_state.hpp"
#include "models/gate/gate_model.hpp"
#include "models/incidents/incident_model.hpp"
#include "models/incidents/incident_state.hpp"
#include "models/network/queue_network.hpp"
#include "models/nii/nii_model.hpp"
#include "models/nii/nii_state.hpp"
#include "models/port/port_model.hpp"
#include "models/terminal/terminal_model.hpp"
#include "models/terminal/terminal_state.hpp"
#include "sim/engine/simulation.hpp"

namespace porttwin {

namespace {

bool drilling(const Scenario& s) { return s.has_incidents && s.incidents.enabled; }

incidents::ItLayout it_layout(const Scenario& s) {
  if (!drilling(s)) return {};
  return incidents::it_layout(s.incidents, s.has_terminal ? static_cast<int>(s.terminal.yard.blocks.size()) : 0,
                              s.has_terminal, s.has_nii, s.has_corridor ? s.corridor.supervision.host : "");
}

// The incidents of a drill with the platform state they act on and the terminal's view of it.
class Drill : public Model {
 public:
  Drill(Simulation& sim, const Scenario& s, const Platform& platform, terminal::TerminalModel* terminal,
        nii::NiiModel* nii)
      : it_(sim, s.incidents, platform, it_layout(s)),
        conditions_(terminal ? std::make_unique<incidents::TerminalConditions>(
                                   s.incidents, it_, static_cast<int>(s.terminal.yard.blocks.size()))
                             : nullptr),
        model_(sim, s.incidents, it_, conditions_.get(), s.has_corridor ? s.corridor.supervision.host : "") {
    if (terminal) terminal->set_conditions(conditions_.get());
    // Images are reviewed over the NII network: review stalls while its server or uplink is down.
    if (nii) {
      nii->set_review_wait([this](std::function<void()> go) {
        it_.when([this] { return it_.host_on("nii_review") && it_.uplink_ok("nii"); }, std::move(go));
      });
    }
  }
  void start() override { model_.start(); }
  std::vector<Station*> stations() override { return {}; }
  void declare_kpis(Recorder& r) override { model_.declare_kpis(r); }
  void sample_kpis(Recorder& r, double now) override { model_.sample_kpis(r, now); }
  void write_summary(Recorder& r, double now) const override { model_.write_summary(r, now); }
  void finish_recording() override { model_.finish_recording(); }
  void save_state(snapshot::SnapshotWriter& w) const override { model_.save_state(w); }
  void restore_state(const snapshot::Snapshot& snapshot) override { model_.restore_state(snapshot); }

 private:
  incidents::ItPlatform it_;
  std::unique_ptr<incidents::TerminalConditions> conditions_;
  incidents::IncidentModel model_;
};

// The incidents switched off: the same summary KPIs, without values.
class NoDrill : public Model {
 public:
  explicit NoDrill(const incidents::IncidentsConfig& config) : config_(config) {}
  void start() override {}
  std::vector<Station*> stations() override { return {}; }
  void write_summary(Recorder& r, double) const override { incidents::write_incident_summary(r, config_, {}); }

 private:
  const incidents::IncidentsConfig& config_;
};

void add_hosts(PlatformNeeds& needs, const std::vector<std::string>& hosts) {
  needs.hosts.insert(needs.hosts.end(), hosts.begin(), hosts.end());
}

const std::vector<ModelSection> kSections = {
    {"gate", "The gate complex: in-gate lanes, OCR and the exception desk", &Scenario::has_gate, true,
     [](scenario::Section& section, Scenario& s) { declare(section, s.gate); },
     [](Scenario& s, scenario::Diagnostics& d) { check(s.gate, d); },
     [](const Scenario& s, PlatformNeeds& needs) { needs.hosts.push_back(s.gate.host); },
     [](BuiltModels& m, Simulation& sim, const Scenario& s, const Platform& platform) {
       m.all.push_back(std::make_unique<GateModel>(sim, s.gate, platform));
     },
     nullptr, nullptr},
    {"network", "An open queueing network of stations (validation and abstract studies)", &Scenario::has_network, true,
     [](scenario::Section& section, Scenario& s) { declare(section, s.network); },
     [](Scenario& s, scenario::Diagnostics& d) { check(s.network, d); },
     [](const Scenario& s, PlatformNeeds& needs) { add_hosts(needs, QueueNetworkModel::hosts(s.network)); },
     [](BuiltModels& m, Simulation& sim, const Scenario& s, const Platform& platform) {
       m.all.push_back(std::make_unique<QueueNetworkModel>(sim, s.network, platform));
     },
     nullptr, nullptr},
    {"terminal", "A container terminal: berths and quay cranes, yard blocks and cranes, the truck gate",
     &Scenario::has_terminal, true,
     [](scenario::Section& section, Scenario& s) { terminal::declare(section, s.terminal); },
     [](Scenario& s, scenario::Diagnostics& d) {
       terminal::check(s.terminal, d);
       port::check_transit_needs_port(s, d);
       if (s.has_port && s.terminal.trucks.arrivals.process == "trace") {
         d.error("terminal.trucks.arrivals.process",
                 "found trace with a port: section, expected planned (a gate log's trucks for transit boxes are not "
                 "replayed yet)");
       }
     },
     [](const Scenario& s, PlatformNeeds& needs) { needs.hosts.push_back(s.terminal.host); },
     [](BuiltModels& m, Simulation& sim, const Scenario& s, const Platform& platform) {
       auto model = std::make_unique<terminal::TerminalModel>(sim, s.terminal, platform);
       m.terminal = model.get();
       m.all.push_back(std::move(model));
     },
     [](const Scenario& s, const snapshot::SectionReader& r, const snapshot::Json& section) {
       terminal::read_terminal_state(r, section, s.terminal, s.run.horizon);
     },
     terminal::terminal_state_schema},
    {"corridor", "A customs transit corridor: stations, routes, Smart Security Devices, supervision, attacks",
     &Scenario::has_corridor, true,
     [](scenario::Section& section, Scenario& s) { corridor::declare(section, s.corridor); },
     [](Scenario& s, scenario::Diagnostics& d) {
       corridor::check(s.corridor, d);
       if (s.corridor.flows.empty() && !s.has_port) {
         d.error("corridor.flows", "found no flow, expected at least one (or a port: section whose terminal sends "
                                   "its transit boxes)");
       }
     },
     [](const Scenario& s, PlatformNeeds& needs) {
       add_hosts(needs, corridor::CorridorModel::hosts(s.corridor));
       for (auto& [name, link] : corridor::CorridorModel::access_links(s.corridor)) needs.access_links[name] = link;
     },
     [](BuiltModels& m, Simulation& sim, const Scenario& s, const Platform& platform) {
       auto model = std::make_unique<corridor::CorridorModel>(sim, s.corridor, platform);
       m.corridor = model.get();
       m.all.push_back(std::move(model));
     },
     [](const Scenario& s, const snapshot::SectionReader& r, const snapshot::Json& section) {
       corridor::read_corridor_state(r, section, s.corridor);
     },
     corridor::corridor_state_schema},
    {"nii",
     "Non-intrusive inspection: risk selection, RPM and X-ray lanes, image review, alarm models, "
     "AI pre-classification, secondary inspection",
     &Scenario::has_nii, true, [](scenario::Section& section, Scenario& s) { nii::declare(section, s.nii); },
     [](Scenario& s, scenario::Diagnostics& d) { nii::check(s.nii, s.has_terminal, d); },
     [](const Scenario& s, PlatformNeeds& needs) { needs.hosts.push_back(s.nii.host); },
     [](BuiltModels& m, Simulation& sim, const Scenario& s, const Platform& platform) {
       terminal::TruckGate* gate = s.nii.feed == "terminal" && m.terminal ? &m.terminal->gate() : nullptr;
       auto model = std::make_unique<nii::NiiModel>(sim, s.nii, platform, gate);
       if (gate) {
         terminal::TerminalModel* t = m.terminal;
         model->set_box_numbers({[t](std::uint64_t id) { return t->number_in_snapshot(id); },
                                 [t] { return t->numbered_boxes(); }});
       }
       m.nii = model.get();
       m.all.push_back(std::move(model));
     },
     [](const Scenario& s, const snapshot::SectionReader& r, const snapshot::Json& section) {
       nii::read_nii_state(r, section, s.nii);
     },
     nii::nii_state_schema},
    {"incidents",
     "Incidents and their response for recovery-time drills: the IT/OT network, TOS backups, degraded modes, "
     "teams, playbooks, targets",
     &Scenario::has_incidents, false,
     [](scenario::Section& section, Scenario& s) { incidents::declare(section, s.incidents); },
     [](Scenario& s, scenario::Diagnostics& d) {
       incidents::check(s.incidents, s.has_terminal, s.has_corridor, s.has_nii, d);
     },
     [](const Scenario& s, PlatformNeeds& needs) {
       const incidents::ItLayout layout = it_layout(s);
       add_hosts(needs, layout.hosts);
       needs.segments = layout.segments;
     },
     [](BuiltModels& m, Simulation& sim, const Scenario& s, const Platform& platform) {
       if (drilling(s)) m.all.push_back(std::make_unique<Drill>(sim, s, platform, m.terminal, m.nii));
       else m.all.push_back(std::make_unique<NoDrill>(s.incidents));
     },
     [](const Scenario& s, const snapshot::SectionReader& r, const snapshot::Json& section) {
       incidents::read_incident_state(r, section, s.incidents);
     },
     incidents::incident_state_schema},
    {"port",
     "The terminal and the corridor as one system: the corridor station at the port that seals the terminal's "
     "transit boxes (terminal.vessels.services[].transit) and what their trucks do without a device",
     &Scenario::has_port, false, [](scenario::Section& section, Scenario& s) { port::declare(section, s.port); },
     [](Scenario& s, scenario::Diagnostics& d) { port::check(s, d); }, [](const Scenario&, PlatformNeeds&) {},
     [](BuiltModels& m, Simulation& sim, const Scenario& s, const Platform&) {
       m.all.push_back(std::make_unique<port::PortModel>(sim, s.port, *m.terminal, *m.corridor, m.nii));
     },
     nullptr, nullptr},
};

}  // namespace

const std::vector<ModelSection>& model_sections() { return kSections; }

PlatformNeeds platform_needs(const Scenario& s) {
  PlatformNeeds needs;
  for (const ModelSection& row : kSections) {
    if (s.*row.present) row.platform(s, needs);
  }
  return needs;
}

BuiltModels build_models(Simulation& sim, const Scenario& s, const Platform& platform) {
  BuiltModels models;
  for (const ModelSection& row : kSections) {
    if (s.*row.present) row.build(models, sim, s, platform);
  }
  return models;
}

snapshot::Json snapshot_schema() {
  std::vector<std::pair<std::string, snapshot::Json>> sections;
  for (const ModelSection& row : kSections) {
    if (row.state_schema) sections.emplace_back(row.key, row.state_schema());
  }
  return snapshot::schema::document(sections);
}

void check_snapshot(const Scenario& s, const snapshot::Snapshot& snap, scenario::Diagnostics& d) {
  const snapshot::SectionReader reader(snap, d);
  const snapshot::Json& root = snap.document.root();
  std::vector<std::string> keys = {"format", "version", "time", "scenario"};
  for (const ModelSection& row : kSections) {
    if (row.check_state && s.*row.present) keys.push_back(row.key);
  }
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (std::find(keys.begin(), keys.end(), it.key()) != keys.end()) continue;
    const auto row = std::find_if(kSections.begin(), kSections.end(), [&](const ModelSection& m) { return it.key() == m.key; });
    std::string message;
    if (row == kSections.end()) {
      message = "unknown section \"" + it.key() + "\"";
      if (auto close = scenario::closest_match(it.key(), keys); !close.empty()) message += " (did you mean \"" + close + "\"?)";
    } else if (!(s.*row->present)) {
      message = "the scenario has no " + it.key() + ": section for this state";
    } else {
      message = "the " + it.key() + " model holds no state in snapshots yet: leave the section out (the model starts empty)";
    }
    reader.error("/" + it.key(), message);
  }
  for (const ModelSection& row : kSections) {
    if (!row.check_state || !(s.*row.present)) continue;
    if (const snapshot::Json* section = reader.section(row.key)) row.check_state(s, reader, *section);
  }
}

}  // namespace porttwin
