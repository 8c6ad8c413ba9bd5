// Corridor geometry against known distances: great circles, positions along a polyline, and the
// distance from a point to a polyline that the route-deviation geofence uses.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

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

// The geofence's shortcut (Polyline::beyond: the segments near a km hint first) must decide exactly
// as the whole line does, whatever the hint, for points on, near and far from the line and right at
// the limit; and the cached-trig positions must equal the free interpolation bit for bit.
TEST_CASE("corridor::Polyline::beyond decides as distance_to, whatever the hint", "[corridor][geometry]") {
  const Polyline line({{52.08, 23.70}, {52.43, 25.03}, {53.13, 26.02}, {53.90, 27.56}, {54.23, 28.50}, {54.51, 30.42},
                       {54.60, 31.38}});
  std::uint64_t state = 12345;
  const auto next = [&state] {  // a small LCG: the test needs no seeded stream
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  int mismatches = 0, beyond = 0, moved = 0;
  for (int k = 0; k < 20000; ++k) {
    const double km = line.length_km() * (1.2 * next() - 0.1);
    const LatLon on = line.at(km);
    const double off = k % 4 == 0 ? 0 : (k % 4 == 1 ? 5 * next() : 200 * next());
    const LatLon p = porttwin::corridor::destination(on, 360 * next(), off);
    const double exact = line.distance_to(p);
    for (double limit : {1.0, 2.0, exact, std::nextafter(exact, 0.0), std::nextafter(exact, 10.0)}) {
      for (double hint : {km, km + 30, line.length_km() * next(), -50.0}) {
        const bool b = line.beyond(p, limit, hint, 1.0);
        beyond += b ? 1 : 0;
        if (b != (exact > limit)) ++mismatches;
      }
    }
    // The original position: interpolate over the segment that holds km, as Polyline::at did.
    const auto& pts = line.points();
    std::vector<double> cumulative{0};
    for (std::size_t j = 1; j < pts.size(); ++j) cumulative.push_back(cumulative.back() + great_circle_km(pts[j - 1], pts[j]));
    if (km <= 0 || km >= line.length_km()) continue;
    const auto i = static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), km) - cumulative.begin());
    const double seg = cumulative[i] - cumulative[i - 1];
    const LatLon expected = porttwin::corridor::interpolate(pts[i - 1], pts[i], (km - cumulative[i - 1]) / seg);
    if (on.lat != expected.lat || on.lon != expected.lon) ++moved;
  }
  CHECK(mismatches == 0);
  CHECK(beyond > 0);
  CHECK(moved == 0);
}

// The stay rule's shortcut: "surely apart" must never be said of two points the haversine puts
// closer than the limit, even with the limit at their exact distance.
TEST_CASE("corridor::surely_apart never contradicts great_circle_km", "[corridor][geometry]") {
  using porttwin::corridor::point_trig;
  using porttwin::corridor::unit_vector;
  std::uint64_t state = 777;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  int wrong = 0, apart = 0;
  for (int k = 0; k < 50000; ++k) {
    const LatLon a{170 * next() - 85, 360 * next() - 180};
    const double km = k % 3 == 0 ? 0.2 * next() : (k % 3 == 1 ? 10 * next() : 8000 * next());
    const LatLon b = porttwin::corridor::destination(a, 360 * next(), km);
    const double d = great_circle_km(a, b);
    for (double limit : {0.1, 1.0, d, std::nextafter(d, 0.0), std::nextafter(d, 1e9)}) {
      const bool says = porttwin::corridor::surely_apart(unit_vector(point_trig(a)), unit_vector(point_trig(b)), limit);
      apart += says ? 1 : 0;
      if (says && d < limit) ++wrong;
    }
  }
  CHECK(wrong == 0);
  CHECK(apart > 0);
}
