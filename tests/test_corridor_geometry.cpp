// Corridor geometry against known distances: great circles, positions along a polyline, and the
// distance from a point to a polyline that the route-deviation geofence uses.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/corridor/geometry.hpp"

using porttwin::corridor::great_circle_km;
using porttwin::corridor::LatLon;
using porttwin::corridor::Polyline;

TEST_CASE("corridor::great_circle_km: known distances on the sphere", "[corridor][geometry]") {
  CHECK(great_circle_km({0, 0}, {0, 1}) == Approx(111.195).epsilon(1e-4));          // one degree of the equator
  CHECK(great_circle_km({51.5074, -0.1278}, {48.8566, 2.3522}) == Approx(343.5).margin(1.0));  // London-Paris
  CHECK(great_circle_km({0, 0}, {0, 180}) == Approx(3.14159265358979 * 6371.0088).epsilon(1e-9));    // half the equator
  CHECK(great_circle_km({29.306, 120.075}, {29.306, 120.075}) == 0);
}

TEST_CASE("corridor::Polyline: length, position along it and distance to it", "[corridor][geometry]") {
  const Polyline line({{0, 0}, {0, 1}, {1, 1}});
  CHECK(line.length_km() == Approx(2 * 111.195).epsilon(1e-4));
  SECTION("a position a distance along the line") {
    const LatLon mid = line.at(111.195 / 2);
    CHECK(mid.lat == Approx(0).margin(1e-9));
    CHECK(mid.lon == Approx(0.5).epsilon(1e-6));
    const LatLon corner = line.at(111.195);
    CHECK(corner.lon == Approx(1).epsilon(1e-4));
    CHECK(line.at(-5).lon == 0);
    CHECK(line.at(1e6).lat == 1);
  }
  SECTION("the distance from a point to the line") {
    CHECK(line.distance_to({0, 0.5}) == Approx(0).margin(1e-6));
    CHECK(line.distance_to({0.1, 0.5}) == Approx(11.1195).epsilon(1e-3));   // 0.1 degree north of the first segment
    CHECK(line.distance_to({0.5, 1.2}) == Approx(0.2 * 111.195 * std::cos(0.5 * 3.14159265 / 180)).epsilon(1e-3));
    CHECK(line.distance_to({-1, 0}) == Approx(111.195).epsilon(1e-4));     // beyond the start: to the end point
  }
  SECTION("a point moved off the line by a bearing lies that far from it") {
    const LatLon off = porttwin::corridor::destination({0, 0.5}, 0, 10);
    CHECK(line.distance_to(off) == Approx(10).epsilon(1e-3));
  }
}

TEST_CASE("corridor::Polyline: points along a long leg lie on it, a detour lies off it", "[corridor][geometry]") {
  // Moscow - Minsk - Brest, legs of several hundred km where a great circle bows away from a rhumb line.
  const Polyline line({{55.7, 37.6}, {53.9, 27.5}, {52.1, 23.7}});
  for (double km = 0; km <= line.length_km(); km += line.length_km() / 97) {
    CHECK(line.distance_to(line.at(km)) < 0.001);
  }
  const LatLon mid = line.at(300);
  const double heading = porttwin::corridor::bearing_deg(line.at(299), line.at(301));
  CHECK(line.distance_to(porttwin::corridor::destination(mid, heading + 90, 10)) == Approx(10).epsilon(1e-3));
}
