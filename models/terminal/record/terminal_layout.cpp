#include "models/terminal/record/terminal_layout.hpp"

namespace porttwin {

namespace {

h5::CompoundType box_row_type() {
  return h5::CompoundType::of<TerminalBoxRow>()
      .field("box", &TerminalBoxRow::box)
      .text("container", &TerminalBoxRow::container)
      .enumeration("category", &TerminalBoxRow::category,
                   {{"import", 0}, {"export", 1}, {"empty", 2}, {"reefer", 3}})
      .field("transit", &TerminalBoxRow::transit)
      .field("call_in", &TerminalBoxRow::call_in)
      .field("call_out", &TerminalBoxRow::call_out)
      .field("train", &TerminalBoxRow::train)
      .field("since", &TerminalBoxRow::since);
}

h5::CompoundType call_row_type() {
  return h5::CompoundType::of<TerminalCallRow>()
      .field("call", &TerminalCallRow::call)
      .text("service", &TerminalCallRow::service)
      .field("week", &TerminalCallRow::week)
      .field("scheduled", &TerminalCallRow::scheduled)
      .field("arrival", &TerminalCallRow::arrival)
      .field("berthed", &TerminalCallRow::berthed)
      .field("departed", &TerminalCallRow::departed)
      .field("berth", &TerminalCallRow::berth)
      .field("discharged", &TerminalCallRow::discharged)
      .field("loaded", &TerminalCallRow::loaded);
}

h5::CompoundType visit_row_type() {
  return h5::CompoundType::of<TruckVisitRow>()
      .field("truck", &TruckVisitRow::truck)
      .field("drop", &TruckVisitRow::drop)
      .field("pickup", &TruckVisitRow::pickup)
      .field("gate_in", &TruckVisitRow::gate_in);
}

}  // namespace

void write_terminal_records(h5::Group& root, const TerminalRecords& records) {
  h5::Group terminal = root.create_group("terminal");
  terminal.set_attribute("help", std::string("Who the terminal's boxes, calls and trucks are (models/terminal)"));
  h5::write_table(terminal, "boxes", box_row_type(), records.boxes, "since: s since the scenario start",
                  "One row per box the terminal registered, by id: ISO 6346 number, category, in customs transit, "
                  "the calls that discharged and loaded it and the train that took it (-1 none), in the terminal since");
  h5::write_table(terminal, "calls", call_row_type(), records.calls,
                  "scheduled, arrival, berthed, departed: s since the scenario start (-1: not yet)",
                  "One row per vessel call of the schedule: service, week, planned and actual arrival, berthing, "
                  "departure, berth, boxes discharged and loaded");
  h5::write_table(terminal, "truck_visits", visit_row_type(), records.truck_visits, "gate_in: s since the scenario start",
                  "One row per truck through the in-gate, in that order: the box it brought and the box it came "
                  "for (0 none); its GTIN and GTOT rows in /events/log carry `truck`");
}

TerminalRecords read_terminal_records(const h5::Group& root) {
  TerminalRecords r;
  if (!root.has("terminal/boxes")) return r;
  const h5::Group terminal = root.open_group("terminal");
  r.boxes = h5::read_table<TerminalBoxRow>(terminal, "boxes", box_row_type());
  r.calls = h5::read_table<TerminalCallRow>(terminal, "calls", call_row_type());
  r.truck_visits = h5::read_table<TruckVisitRow>(terminal, "truck_visits", visit_row_type());
  return r;
}

}  // namespace porttwin
