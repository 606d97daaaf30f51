package cloud.practice.volunteer.matching.index;

import java.time.Duration;

/**
 * The weights of the explainable score (each component lies in {@code [0, weight]}; the score is their sum) and the
 * knobs of the fairness and rating components.
 *
 * @param distance          full at the need's location, falling linearly to 0 at the radius
 * @param skill             level / 5
 * @param fairness          1 / (1 + recent assignments / assignmentsNorm + recent hours / hoursNorm)
 * @param rating            Bayesian mean of past ratings (prior {@code ratingPrior} worth {@code ratingPriorWeight}
 *                          ratings), scaled from 1..5 to 0..1
 * @param team              member of an active team of the responsible unit's subtree
 * @param loadWindow        how far back assignments and hours count as load
 */
public record ScoreWeights(double distance, double skill, double fairness, double rating, double team,
                           Duration loadWindow, double assignmentsNorm, double hoursNorm, double ratingPrior,
                           double ratingPriorWeight) {

    public static ScoreWeights defaults() {
        return new ScoreWeights(0.35, 0.25, 0.20, 0.10, 0.10, Duration.ofDays(30), 2.0, 8.0, 3.5, 3.0);
    }

    public ScoreWeights {
        for (double weight : new double[]{distance, skill, fairness, rating, team}) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weights must be finite and >= 0");
            }
        }
        if (!(assignmentsNorm > 0) || !(hoursNorm > 0) || !(ratingPriorWeight >= 0) || loadWindow.isNegative()) {
            throw new IllegalArgumentException("norms must be > 0, the load window >= 0");
        }
    }
}
