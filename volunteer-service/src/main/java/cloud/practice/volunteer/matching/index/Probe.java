package cloud.practice.volunteer.matching.index;

import java.time.Duration;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.Map;

/**
 * A query resolved against one district's unit codes, plus scratch for the slot being looked at: one per query, built
 * under the district's read lock.
 */
final class Probe {
    final int platform;
    final int minLevel;
    final Reach reach;
    final boolean hasLocation;
    final double lat;
    final double lon;
    final double cosLat;
    final double radiusKm;
    final BitSet reachUnits = new BitSet();
    final BitSet teamUnits = new BitSet();
    final boolean hasWindow;
    final long[] neededCells;
    final int[] days;
    final long fromSecond;
    final long toSecond;
    final long nowSecond;
    final long loadFromSecond;
    /** Scratch: the distance of the slot being looked at (NaN when unknown). */
    double km;

    Probe(MatchQuery query, Map<String, Integer> unitCodes, ZoneId zone, Duration loadWindow) {
        platform = query.platform().ordinal();
        minLevel = Math.max(1, query.minLevel());
        reach = query.reach();
        hasLocation = query.location() != null;
        lat = hasLocation ? query.location().latitude() : Double.NaN;
        lon = hasLocation ? query.location().longitude() : Double.NaN;
        cosLat = hasLocation ? Math.cos(Math.toRadians(lat)) : 1;
        radiusKm = query.radiusKm();
        query.reachUnits().forEach(unit -> code(unitCodes, unit, reachUnits));
        query.teamUnits().forEach(unit -> code(unitCodes, unit, teamUnits));
        hasWindow = query.hasWindow();
        neededCells = hasWindow ? WeeklyCells.needed(query.windowFrom(), query.windowTo(), zone) : null;
        days = hasWindow ? WeeklyCells.days(query.windowFrom(), query.windowTo(), zone) : new int[0];
        fromSecond = hasWindow ? query.windowFrom().getEpochSecond() : 0;
        toSecond = hasWindow ? query.windowTo().getEpochSecond() : 0;
        nowSecond = query.now().getEpochSecond();
        loadFromSecond = nowSecond - loadWindow.toSeconds();
    }

    /** Units the district has never seen get no code: no volunteer can be in them. */
    private static void code(Map<String, Integer> unitCodes, String unit, BitSet into) {
        Integer code = unitCodes.get(unit);
        if (code != null) {
            into.set(code);
        }
    }
}
