package cloud.practice.reporting.scenario;

import cloud.practice.reporting.report.Period;
import cloud.practice.reporting.report.Scope;
import cloud.practice.reporting.report.TreeView;
import cloud.practice.reporting.scenario.DistrictScenario.ActivityPlan;
import cloud.practice.reporting.scenario.DistrictScenario.RequestPlan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the scenario's plan implies for one unit, scope, view and period — derived from the plan (where each unit
 * stood when, what each request did), not from events or facts, so it checks the projection and the engine
 * independently.
 */
public final class ScenarioOracle {

    private static final LocalDate TODAY = LocalDate.of(2099, 1, 1);

    public record Expected(long submitted, Map<String, Long> byStatus, double completionRate, long escalations,
                           long locationFlags,
                           Double averageRating, long rated, double creditHours, double honourHours,
                           long activitiesHeld, long volunteersAttended, long residentsAttended,
                           long volunteersRegistered, long volunteersActive, Map<String, Long> unitsByTierStatus,
                           long pairingsActive, long pairingsHealthy, Double totalP50Minutes) {

        /**
         * The figures of {@code copies} districts each exactly like this one, taken as one (a city): counts and hours
         * multiply; rates, the average rating and the nearest-rank p50 stay (each value occurs {@code copies} times,
         * and ceil(ceil(k·p·n)/k) = ceil(p·n)).
         */
        public Expected times(int copies) {
            Map<String, Long> statuses = new TreeMap<>();
            byStatus.forEach((status, count) -> statuses.put(status, count * copies));
            Map<String, Long> units = new TreeMap<>();
            unitsByTierStatus.forEach((key, count) -> units.put(key, count * copies));
            return new Expected(submitted * copies, statuses, completionRate, escalations * copies,
                    locationFlags * copies, averageRating, rated * copies, creditHours * copies,
                    honourHours * copies, activitiesHeld * copies, volunteersAttended * copies,
                    residentsAttended * copies, volunteersRegistered * copies, volunteersActive * copies, units,
                    pairingsActive * copies, pairingsHealthy * copies, totalP50Minutes);
        }
    }

    private final DistrictScenario scenario;

    public ScenarioOracle(DistrictScenario scenario) {
        this.scenario = scenario;
    }

    /** The unit a figure dated {@code date} counts under, then its ancestors. */
    static List<String> chain(String unit, LocalDate date, TreeView view) {
        String current = view == TreeView.NOW && unit.equals("s4") ? "s3" : unit;
        LocalDate on = view == TreeView.NOW ? TODAY : date;
        List<String> chain = new ArrayList<>();
        while (current != null) {
            chain.add(current);
            current = DistrictScenario.parentOn(current, on);
        }
        return chain;
    }

    private static boolean in(List<String> chain, String unit, Scope scope) {
        return scope == Scope.UNIT ? chain.get(0).equals(unit) : chain.contains(unit);
    }

    public Expected expect(String unit, Scope scope, TreeView view, Period period) {
        List<RequestPlan> requests = scenario.requests.stream().filter(r -> period.contains(r.date()))
                .filter(r -> in(chain(r.unit(), r.date(), view), unit, scope)).toList();
        Map<String, Long> byStatus = new TreeMap<>();
        requests.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
        long completed = byStatus.getOrDefault("COMPLETED", 0L);
        List<Integer> ratings = requests.stream().map(RequestPlan::rating).filter(r -> r != null).toList();
        Double average = ratings.isEmpty() ? null
                : Math.round(ratings.stream().mapToInt(Integer::intValue).average().orElse(0) * 10_000) / 10_000.0;
        List<Double> totals = requests.stream().filter(r -> r.completed() != null)
                .map(r -> java.time.Duration.between(r.submitted(), r.completed()).toSeconds() / 60.0).sorted().toList();
        Double p50 = totals.isEmpty() ? null : Math.round(totals.get((int) Math.ceil(0.5 * totals.size()) - 1) * 10_000)
                / 10_000.0;

        long creditHalfHours = 0;
        for (RequestPlan r : scenario.requests) {
            if (r.completed() == null) {
                continue;
            }
            LocalDate served = r.completed().atZone(DistrictScenario.ZONE).toLocalDate();
            if (period.contains(served) && in(chain(r.unit(), served, view), unit, scope)) {
                creditHalfHours += r.creditHalfHours();
            }
        }
        long held = 0;
        long vols = 0;
        long residents = 0;
        for (ActivityPlan a : scenario.activities) {
            if (!period.contains(a.date()) || !in(chain(a.unit(), a.date(), view), unit, scope)) {
                continue;
            }
            creditHalfHours += 4L * a.attendees().size();
            if (a.closed()) {
                held++;
                vols += a.volunteers();
                residents += a.residents();
            }
        }
        long honourHalfHours = 0;
        for (DistrictScenario.HonourPlan h : scenario.honours) {
            String home = scenario.volunteers.stream().filter(v -> v.id().equals(h.volunteer())).findFirst()
                    .orElseThrow().homeOn(h.date(), view == TreeView.NOW);
            if (!h.revoked() && period.contains(h.date()) && in(chain(home, h.date(), view), unit, scope)) {
                honourHalfHours += h.halfHours();
            }
        }
        long registered = 0;
        long active = 0;
        for (DistrictScenario.VolunteerPlan v : scenario.volunteers) {
            if (!v.registered().isAfter(period.last()) && in(chain(v.homeOn(period.last(), view == TreeView.NOW), period.last(), view), unit, scope)) {
                registered++;
                if (v.status().equals("ACTIVE") && !v.erased()) {
                    active++;
                }
            }
        }
        Map<String, Long> units = new TreeMap<>();
        LocalDate on = view == TreeView.NOW ? TODAY : period.last();
        for (String u : DistrictScenario.allUnits()) {
            List<String> placement = new ArrayList<>();
            for (String current = u; current != null; current = DistrictScenario.parentOn(current, on)) {
                placement.add(current);
            }
            if (scope == Scope.UNIT ? u.equals(unit) : placement.contains(unit)) {
                units.merge(DistrictScenario.tierOf(u) + "/" + DistrictScenario.statusOn(u, on), 1L, Long::sum);
            }
        }
        long pairingsActive = 0;
        long pairingsHealthy = 0;
        for (DistrictScenario.PairingPlan p : scenario.pairings) {
            boolean runs = !p.start().isAfter(period.last()) && (p.end() == null || p.end().isAfter(period.first()));
            if (runs && in(chain(p.station(), period.last(), view), unit, scope)) {
                pairingsActive++;
                if (p.activities().stream().anyMatch(period::contains)) {
                    pairingsHealthy++;
                }
            }
        }
        double completionRate = requests.isEmpty() ? 0
                : Math.round((double) completed / requests.size() * 10_000) / 10_000.0;
        return new Expected(requests.size(), byStatus, completionRate,
                requests.stream().mapToLong(RequestPlan::escalations).sum(),
                requests.stream().mapToLong(RequestPlan::locationFlags).sum(), average, ratings.size(),
                creditHalfHours / 2.0, honourHalfHours / 2.0, held, vols, residents, registered, active, units,
                pairingsActive, pairingsHealthy, p50);
    }
}
