package cloud.practice.hierarchy.pairing.query;

import java.util.List;

/**
 * @param runningPairings         pairings running on {@code date} with a station in scope
 * @param stations                open stations in scope
 * @param pairedStations          of which have a running pairing
 * @param partnersWithoutPairing  registered partners with no running pairing in scope
 * @param stationsWithoutPairing  open stations in scope with no running pairing
 * @param dormantPairings         running pairings (older than the window) with no activity within it
 */
public record PairingHealth(String unitId, String date, int inactiveDays, int runningPairings, int stations,
                            int pairedStations, List<String> partnersWithoutPairing,
                            List<String> stationsWithoutPairing, List<Dormant> dormantPairings) {

    public record Dormant(String pairingId, String lastActivity) {
    }
}
