#include "models/terminal/terminal_config.hpp"

#include <set>

#include "models/yard/container.hpp"
#include "models/yard/record/iso6346.hpp"
#include "sim/core/units.hpp"

namespace porttwin::terminal {

const TransitShareConfig* transit_share(const VesselConfig& vessels, int flow) {
  for (const auto& service : vessels.services) {
    for (const auto& t : service.transit) {
      if (t.flow == flow && flow >= 0) return &t;
    }
  }
  return nullptr;
}

namespace {

void declare_transit(scenario::Section& s, TransitShareConfig& c) {
  s.reference("route", c.route, "Corridor route the boxes travel (it starts at the port's station)").required();
  s.reference("device", c.device, "Device type their trips are sealed with (default: the corridor's first)");
  s.probability("share", c.share,
                "Share of the service's discharged full boxes (of its category and commodity, not transshipped) on "
                "this route")
      .required();
  s.choice("category", c.category, {"any", "import", "reefer"},
           "The boxes the share applies to: any full box, or imports or reefers only");
  s.reference("commodity", c.commodity,
              "Declared commodity class (an nii.commodities name) the share applies to; omit for any");
  s.choice("mode", c.mode, {"truck", "rail"},
           "How the boxes leave the port: truck (through the gate) or rail (the terminal's rail side)");
}

void declare(scenario::Section& s, RailSideConfig& c) {
  s.real("x", c.x, "Terminal x of the rail side's loading track, m");
  s.real("y", c.y, "Terminal y of the rail side's loading track, m");
  s.duration("first_departure", c.first_departure, "First scheduled train (or barge) departure after the start").min(0);
  s.duration("interval", c.interval, "Time between scheduled departures").greater_than(0);
  s.integer("capacity", c.capacity, "Boxes a train (or barge) takes").range(1, 10000);
  s.duration("cutoff", c.cutoff, "How long before departure the last box must be on the train").min(0);
  s.real("speed", c.speed, "Speed of the terminal vehicle from a block to the rail side, m/s").greater_than(0);
}

void declare_service(scenario::Section& s, ServiceConfig& c) {
  s.text("name", c.name, "Service (liner loop) name, unique in the terminal").required();
  s.duration("arrival", c.arrival, "Scheduled arrival after the start of each week (1d6h: Tuesday 06:00)")
      .min(0)
      .max(7 * 86400.0);
  s.integer("discharge", c.discharge, "Containers discharged per call").range(0, 50000);
  s.integer("load", c.load, "Containers loaded per call").range(0, 50000);
  s.integer("cranes", c.cranes, "Quay cranes assigned to the call (at most the berth's cranes)").range(1, 20);
  s.text("owner", c.owner,
         "ISO 6346 owner code and category letter of the service's boxes (container numbers OOOU1234565)");
  s.probability("transshipment", c.transshipment,
                "Share of the service's discharged full boxes that are transshipped: stacked with the exports and "
                "loaded onto a later call of another service, never leaving the terminal");
  s.list("transit", c.transit,
         "Discharged boxes that leave in customs transit on a corridor route (needs a port: section)",
         declare_transit);
}

void declare(scenario::Section& s, VesselConfig& c) {
  s.list("services", c.services, "Weekly liner services calling at the terminal", declare_service, 1);
  s.distribution("arrival_delay", c.arrival_delay,
                 "Actual minus scheduled arrival of a call (negative: early); liner schedule reliability is "
                 "about 50-60%");
  s.probability("discharge_reefer_share", c.discharge_reefer_share, "Share of discharged boxes that are reefers");
  s.probability("discharge_empty_share", c.discharge_empty_share, "Share of discharged boxes that are empties");
  s.probability("load_reefer_share", c.load_reefer_share, "Share of loaded boxes that are reefers");
  s.probability("load_empty_share", c.load_empty_share, "Share of loaded boxes that are empties");
  s.duration("transshipment_connection", c.transshipment_connection,
             "Shortest time from a transshipment box's discharge to the scheduled arrival of the call that takes it")
      .min(0);
  declare(s.section("arrivals", "Where the calls come from: the services' weekly pattern or a schedule log"), c.arrivals);
}

void declare(scenario::Section& s, BerthConfig& c) {
  s.integer("count", c.count, "Berths along the quay").range(1, 50);
  s.real("length", c.length, "Quay length per berth, m (post-Panamax: 300-400 m)").greater_than(0);
  s.integer("cranes_per_berth", c.cranes_per_berth, "Quay cranes (STS) installed at each berth").range(1, 20);
}

void declare(scenario::Section& s, QuayCraneConfig& c) {
  s.distribution("cycle_time", c.cycle_time,
                 "Time of one quay-crane move (112.5 s mean = 32 gross moves/h; published: 30-40)");
  s.duration("mtbf", c.mtbf, "Mean operating time between breakdowns (exponential)").greater_than(0);
  s.distribution("repair", c.repair, "Time to repair a broken-down quay crane");
  s.integer("load_lookahead", c.load_lookahead,
            "Export boxes a quay crane has called from the yard ahead of the one it is loading")
      .range(1, 50);
  s.integer("load_window", c.load_window,
            "Export boxes looked at when choosing the next to load: the one with fewest boxes on top")
      .range(1, 100000);
}

void declare(scenario::Section& s, TransportConfig& c) {
  s.integer("vehicles", c.vehicles, "Internal trucks or straddle carriers between quay and yard").range(1, 2000);
  s.real("speed", c.speed, "Average travel speed on terminal roads, m/s (20 km/h = 5.56)").greater_than(0);
  s.duration("handover_time", c.handover_time, "Positioning under a crane and locking or unlocking the box")
      .min(0);
}

void declare(scenario::Section& s, YardCraneConfig& c) {
  s.integer("cranes_per_block", c.cranes_per_block, "Yard cranes working each block").range(1, 4);
  s.choice("priority", c.priority, kCranePriorities,
           "Which waiting job a yard crane serves first: quay_first (vessel jobs, then booked trucks, then "
           "walk-ins), land_first (booked trucks, walk-ins, then vessel jobs) or fifo");
  s.integer("remote_stations", c.remote_stations,
            "Remote-operation desks shared by all yard cranes, one taken per job (-1: operators on board)")
      .min(-1);
  s.real("queue_weight", c.queue_weight,
         "Choosing a block for a coming box: metres of extra travel that one job already waiting for the "
         "block's cranes is worth (0: always the nearest block with room)")
      .min(0);
  s.duration("no_room_retry", c.no_room_retry,
             "How long a crane waits before trying again when a full block leaves no stack for a box")
      .greater_than(0);
}

void declare(scenario::Section& s, GateProcessConfig& c) {
  s.integer("in_lanes", c.in_lanes, "In-gate lanes").range(1, 100);
  s.integer("out_lanes", c.out_lanes, "Out-gate lanes").range(1, 100);
  s.real("x", c.x, "Terminal x of the gate, m");
  s.real("y", c.y, "Terminal y of the gate, m");
  s.distribution("in_transaction", c.in_transaction,
                 "In-gate lane time: OCR portal pass, RFID read, barrier (automated: under 20 s)");
  s.distribution("seal_check", c.seal_check, "Extra lane time to check the seal of a loaded box");
  s.probability("pre_cleared", c.pre_cleared, "Share of trucks whose documents were cleared before arrival");
  s.distribution("document_check", c.document_check, "Extra lane time to check documents not pre-cleared");
  s.distribution("out_transaction", c.out_transaction, "Out-gate lane time");
  porttwin::declare(s.section("ocr", "Automatic identification at the in-gate"), c.ocr);
  s.integer("clerks", c.desk.clerks, "Exception-desk clerks clearing trucks that failed identification").range(1, 100);
  s.distribution("exception_service", c.desk.service, "Time a clerk needs per truck");
  s.real("truck_speed", c.truck_speed, "Truck speed on terminal roads, m/s").greater_than(0);
}

void declare(scenario::Section& s, TruckConfig& c) {
  s.probability("appointment_share", c.appointment_share, "Share of truck visits booked in an appointment slot");
  s.duration("slot_length", c.slot_length, "Length of an appointment slot").greater_than(0);
  s.integer("slot_capacity", c.slot_capacity, "Visits one slot accepts; later bookings move to the next slot")
      .min(1);
  s.probability("dual_share", c.dual_share,
                "Share of export drop-offs whose truck also picks up an import box (dual transaction)");
  s.duration("export_planning", c.export_planning,
             "How long before a call its export deliveries are planned (longer leads deliver at once)")
      .greater_than(0);
  s.duration("pickup_retry", c.pickup_retry,
             "How long a truck waits before looking again when its import box is not stacked yet")
      .greater_than(0);
  declare(s.section("arrivals", "Where the truck visits come from: the terminal's plan or a gate log"), c.arrivals);
}

void declare(scenario::Section& s, DwellConfig& c) {
  s.distribution("import", c.import_dwell, "Import dwell, discharge to pickup (3-4 days in most ports)");
  s.distribution("reefer", c.reefer_dwell, "Reefer import dwell");
  s.distribution("empty", c.empty_dwell, "Empty container dwell");
  s.distribution("transit", c.transit_dwell,
                 "Transit box dwell, discharge to the planned transit pickup (lock and customs waits on top)");
  s.distribution("export_lead", c.export_lead,
                 "How long before its vessel's scheduled arrival an export box is delivered by truck");
}

bool has_area(const TerminalConfig& c, yard::Category category) {
  for (const auto& b : c.yard.blocks) {
    if (b.area == yard::category_name(category)) return true;
  }
  return false;
}

}  // namespace

void declare(scenario::Section& t, TerminalConfig& c) {
  t.text("host", c.host, "Platform host the terminal's equipment actors run on (the TOS and control systems are the incidents section's hosts)");
  scenario::declare(t.section("location", "Where the terminal is, in the codes of DCSA events (porttwin export --dcsa)"),
                    c.location);
  declare(t.section("berths", "The quay: berths and their quay cranes"), c.berths);
  declare(t.section("vessels", "Vessel calls: weekly services and the box mix they bring and take"), c.vessels);
  declare(t.section("quay_cranes", "Ship-to-shore cranes: cycle time and breakdowns"), c.quay_cranes);
  declare(t.section("transport", "Horizontal transport between quay and yard"), c.transport);
  declare(t.section("yard", "Yard blocks, stacking policy and yard-crane kinematics"), c.yard);
  declare(t.section("yard_cranes", "Yard cranes: how many per block and which job first"), c.yard_cranes);
  declare(t.section("gate", "The truck gate: in-gate, exception desk, out-gate"), c.gate);
  declare(t.section("trucks", "External truck visits: appointments and dual transactions"), c.trucks);
  declare(t.section("dwell", "How long containers stay in the yard, per category"), c.dwell);
  declare(t.section("rail", "A rail (or barge) side: scheduled trains taking transit boxes of mode rail", &c.has_rail),
          c.rail);
  t.duration("keyframe_interval", c.keyframe_interval,
             "Spacing of the yard keyframes in the run file (rewinding replays at most one interval of moves)")
      .greater_than(0);
}

void check(TerminalConfig& c, scenario::Diagnostics& d) {
  yard::check(c.yard, "terminal.yard", d);
  std::vector<std::string> service_names;
  for (const auto& s : c.vessels.services) service_names.push_back(s.name);
  check(c.vessels.arrivals, service_names, "terminal.vessels.arrivals", d);
  check(c.trucks.arrivals, "terminal.trucks.arrivals", d);
  if (const auto& v = c.trucks.arrivals.visits; v && v->has_empty_returns && !has_area(c, yard::Category::Empty)) {
    d.error("terminal.trucks.arrivals.file", v->log->where(v->first_empty_return) +
                                                 "found an empty_return visit, expected a block with area empty in "
                                                 "terminal.yard.blocks for the empties it brings");
  }
  scenario::check(c.location, "terminal.location", d);
  std::set<std::string> names;
  for (std::size_t i = 0; i < c.vessels.services.size(); ++i) {
    const auto& s = c.vessels.services[i];
    const std::string path = "terminal.vessels.services[" + std::to_string(i) + "]";
    if (!names.insert(s.name).second) d.error(path + ".name", "found \"" + s.name + "\" again, expected a unique name");
    if (!yard::iso6346_owner_valid(s.owner)) {
      d.error(path + ".owner", "found \"" + s.owner + "\", expected three capital letters and U, J or Z (CSQU)");
    }
    // The shares that apply to one kind of box (category, declared commodity) add up to at most 1.
    std::set<std::string> commodities{""};
    for (std::size_t j = 0; j < s.transit.size(); ++j) {
      commodities.insert(s.transit[j].commodity.name);
      if (s.transit[j].mode == "rail" && !c.has_rail) {
        d.error(path + ".transit[" + std::to_string(j) + "].mode",
                "found rail, expected a terminal.rail: section (the rail side's trains)");
      }
    }
    bool reported = false;
    for (const std::string category : {"import", "reefer"}) {
      for (const std::string& commodity : commodities) {
        double sum = 0;
        for (const auto& t : s.transit) {
          if ((t.category == "any" || t.category == category) &&
              (t.commodity.name.empty() || t.commodity.name == commodity)) {
            sum += t.share;
          }
        }
        if (sum > 1 + 1e-12 && !reported) {
          reported = true;
          d.error(path + ".transit", "shares for " + category + " boxes" +
                                         (commodity.empty() ? std::string() : " of " + commodity) + " add up to " +
                                         std::to_string(sum) + ", expected at most 1");
        }
      }
    }
    if (s.cranes > c.berths.cranes_per_berth) {
      d.error(path + ".cranes", "found " + std::to_string(s.cranes) + ", expected at most the " +
                                    std::to_string(c.berths.cranes_per_berth) + " cranes of a berth");
    }
  }
  const auto& v = c.vessels;
  if (v.discharge_reefer_share + v.discharge_empty_share > 1) {
    d.error("terminal.vessels.discharge_empty_share", "reefer and empty shares add up to more than 1");
  }
  if (v.load_reefer_share + v.load_empty_share > 1) {
    d.error("terminal.vessels.load_empty_share", "reefer and empty shares add up to more than 1");
  }
  struct Need {
    yard::Category category;
    bool needed;
  };
  for (const Need n : {Need{yard::Category::Import, v.discharge_reefer_share + v.discharge_empty_share < 1},
                       Need{yard::Category::Export, v.load_reefer_share + v.load_empty_share < 1},
                       Need{yard::Category::Reefer, v.discharge_reefer_share > 0 || v.load_reefer_share > 0},
                       Need{yard::Category::Empty, v.discharge_empty_share > 0 || v.load_empty_share > 0}}) {
    if (n.needed && !has_area(c, n.category)) {
      d.error("terminal.yard.blocks", "no block has area " + std::string(yard::category_name(n.category)) +
                                          ", expected at least one, since the vessel mix brings such boxes");
    }
  }
  porttwin::check(c.gate.ocr, "terminal.gate.ocr", d);
}

YardPlan yard_plan(const TerminalConfig& config) {
  YardPlan plan;
  for (std::size_t i = 0; i < config.yard.blocks.size(); ++i) {
    const yard::BlockConfig& b = config.yard.blocks[i];
    YardPlanRow row;
    row.index = static_cast<std::uint32_t>(i);
    h5::copy_text(row.area, b.area);
    row.origin_x = b.origin_x, row.origin_y = b.origin_y;
    row.bay_length = b.bay_length, row.row_width = b.row_width;
    plan.blocks.push_back(row);
  }
  plan.terminal.berths = config.berths.count;
  plan.terminal.berth_length = config.berths.length;
  plan.terminal.cranes_per_berth = config.berths.cranes_per_berth;
  plan.terminal.gate_x = config.gate.x, plan.terminal.gate_y = config.gate.y;
  plan.terminal.gate_in_lanes = config.gate.in_lanes, plan.terminal.gate_out_lanes = config.gate.out_lanes;
  return plan;
}

}  // namespace porttwin::terminal
