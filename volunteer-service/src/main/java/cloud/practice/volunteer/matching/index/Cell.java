package cloud.practice.volunteer.matching.index;

import java.util.Arrays;

import static cloud.practice.volunteer.matching.index.DistrictIndex.CELL_DEGREES;
import static cloud.practice.volunteer.matching.index.DistrictIndex.PLATFORMS;

/**
 * One ~1 km grid cell of a district: per platform, the slots with that skill and an upper bound of their non-distance
 * score.
 */
final class Cell {
    /** Slack for the cell's edges, which are rounded. */
    private static final double EDGE_SLACK_DEGREES = 1e-7;

    final boolean nowhere;
    final double minLat;
    final double maxLat;
    final double minLon;
    final double maxLon;
    /** Per platform, the slots with that skill, sorted by {@link #keys} descending. */
    final int[][] members = new int[PLATFORMS][];
    /** Per platform, each member's bound of its non-distance score. */
    final float[][] keys = new float[PLATFORMS][];
    final int[] counts = new int[PLATFORMS];

    Cell(int cx, int cy, boolean nowhere) {
        this.nowhere = nowhere;
        minLat = cy * CELL_DEGREES - EDGE_SLACK_DEGREES;
        maxLat = (cy + 1) * CELL_DEGREES + EDGE_SLACK_DEGREES;
        minLon = cx * CELL_DEGREES - EDGE_SLACK_DEGREES;
        maxLon = (cx + 1) * CELL_DEGREES + EDGE_SLACK_DEGREES;
    }

    void add(int platform, int slot, float key) {
        int[] list = members[platform];
        float[] bounds = keys[platform];
        int count = counts[platform];
        if (list == null) {
            list = members[platform] = new int[4];
            bounds = keys[platform] = new float[4];
        } else if (count == list.length) {
            list = members[platform] = Arrays.copyOf(list, count * 2);
            bounds = keys[platform] = Arrays.copyOf(bounds, count * 2);
        }
        int at = count;
        while (at > 0 && bounds[at - 1] < key) {
            at--;
        }
        System.arraycopy(list, at, list, at + 1, count - at);
        System.arraycopy(bounds, at, bounds, at + 1, count - at);
        list[at] = slot;
        bounds[at] = key;
        counts[platform] = count + 1;
    }

    void remove(int platform, int slot) {
        int[] list = members[platform];
        int count = counts[platform];
        for (int i = 0; i < count; i++) {
            if (list[i] == slot) {
                System.arraycopy(list, i + 1, list, i, count - i - 1);
                System.arraycopy(keys[platform], i + 1, keys[platform], i, count - i - 1);
                counts[platform] = count - 1;
                return;
            }
        }
    }

    /** The least distance from the probe to any point of the cell, in the probe's metric. */
    double minKm(Probe probe) {
        double dLat = Math.max(0, Math.max(minLat - probe.lat, probe.lat - maxLat));
        double dLon = Math.max(0, Math.max(minLon - probe.lon, probe.lon - maxLon));
        double dx = dLon * probe.cosLat;
        return Scoring.KM_PER_DEGREE * Math.sqrt(dx * dx + dLat * dLat);
    }
}
