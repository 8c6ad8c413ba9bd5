#include "models/port/record/port_layout.hpp"

namespace porttwin {

h5::CompoundType port_transit_row_type() {
  return h5::CompoundType::of<PortTransitRow>()
      .field("box", &PortTransitRow::box)
      .text("container", &PortTransitRow::container)
      .field("service", &PortTransitRow::service)
      .field("route", &PortTransitRow::route)
      .field("discharged", &PortTransitRow::discharged)
      .field("asked", &PortTransitRow::asked)
      .field("granted", &PortTransitRow::granted)
      .field("left", &PortTransitRow::left)
      .field("delivered", &PortTransitRow::delivered)
      .field("supervision", &PortTransitRow::supervision);
}

void write_port_transit(h5::Group& root, const std::vector<PortTransitRow>& rows) {
  h5::Group port = root.create_group("port");
  port.set_attribute("help", std::string("The terminal's transit boxes on their way to the corridor (models/port)"));
  h5::write_table(port, "transit", port_transit_row_type(), rows,
                  "discharged, asked, granted, left, delivered: s since the scenario start (-1: not yet)",
                  "One row per transit box whose truck asked the port store for a device, by box id: its ISO 6346 "
                  "container number, service, corridor route, discharge, the request, the grant (device or "
                  "fallback: supervision 0 device, 1 escort, 2 mechanical seal, 3 unsupervised), the out-gate "
                  "and unsealing at its destination");
}

std::vector<PortTransitRow> read_port_transit(const h5::Group& root) {
  if (!root.has("port/transit")) return {};
  return h5::read_table<PortTransitRow>(root.open_group("port"), "transit", port_transit_row_type());
}

}  // namespace porttwin
