package cloud.practice.volunteer.matching.index;

/**
 * The k best slots of one district so far, best first: score descending, then distance ascending (unknown last),
 * then id. One per query; the arrays are read back by {@link DistrictIndex} to build the candidates.
 */
final class TopK {
    /** Breaks ties of score and distance by the volunteers' ids without building strings. */
    private final DistrictIndex index;
    final int[] slots;
    final double[] scores;
    final double[] kms;
    int count;

    TopK(int limit, DistrictIndex index) {
        this.index = index;
        slots = new int[limit];
        scores = new double[limit];
        kms = new double[limit];
    }

    boolean full() {
        return count == slots.length;
    }

    double worstScore() {
        return scores[count - 1];
    }

    void offer(int slot, double score, double km) {
        if (full() && !before(score, km, slot, scores[count - 1], kms[count - 1], slots[count - 1])) {
            return;
        }
        int at = full() ? count - 1 : count++;
        while (at > 0 && before(score, km, slot, scores[at - 1], kms[at - 1], slots[at - 1])) {
            slots[at] = slots[at - 1];
            scores[at] = scores[at - 1];
            kms[at] = kms[at - 1];
            at--;
        }
        slots[at] = slot;
        scores[at] = score;
        kms[at] = km;
    }

    /** Deterministic order: higher score, then nearer (unknown distance last), then smaller id. */
    private boolean before(double score, double km, int slot, double otherScore, double otherKm, int otherSlot) {
        if (score != otherScore) {
            return score > otherScore;
        }
        double a = Double.isNaN(km) ? Double.POSITIVE_INFINITY : km;
        double b = Double.isNaN(otherKm) ? Double.POSITIVE_INFINITY : otherKm;
        if (a != b) {
            return a < b;
        }
        return index.compareIds(slot, otherSlot) < 0;
    }
}
