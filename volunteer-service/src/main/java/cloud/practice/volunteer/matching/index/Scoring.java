package cloud.practice.volunteer.matching.index;

/**
 * The score components, one function each, shared by the index and the brute-force scan so both rank with the very
 * same arithmetic (equal doubles, not merely close ones).
 */
public final class Scoring {

    /** Mean earth radius; distances are equirectangular at the need's latitude (within 0.1% inside a city). */
    static final double KM_PER_DEGREE = 6371.0088 * Math.PI / 180;

    private final ScoreWeights weights;

    public Scoring(ScoreWeights weights) {
        this.weights = weights;
    }

    public ScoreWeights weights() {
        return weights;
    }

    /** Distance in km of a point from the need, with the need's {@code cos(latitude)} fixed for the whole query. */
    public static double distanceKm(double needLat, double needLon, double cosNeedLat, double lat, double lon) {
        double dy = lat - needLat;
        double dx = (lon - needLon) * cosNeedLat;
        return KM_PER_DEGREE * Math.sqrt(dx * dx + dy * dy);
    }

    /** Full at distance 0, linear down to 0 at {@code scaleKm}; unknown distance (NaN) scores 0. */
    public double distance(double km, double scaleKm) {
        if (Double.isNaN(km) || scaleKm <= 0) {
            return 0;
        }
        return weights.distance() * Math.max(0, 1 - km / scaleKm);
    }

    public double skill(int level) {
        return weights.skill() * level / 5.0;
    }

    /** Falls as recent load grows, so the same few are not always picked. */
    public double fairness(int recentAssignments, double recentHours) {
        return weights.fairness() / (1 + recentAssignments / weights.assignmentsNorm() + recentHours / weights.hoursNorm());
    }

    /** Bayesian mean: a newcomer sits at the prior, a long record at its own mean. */
    public double rating(double ratingSum, int ratingCount) {
        double mean = (ratingSum + weights.ratingPrior() * weights.ratingPriorWeight())
                / (ratingCount + weights.ratingPriorWeight());
        return weights.rating() * Math.min(1, Math.max(0, (mean - 1) / 4));
    }

    public double team(boolean memberOfResponsibleTeam) {
        return memberOfResponsibleTeam ? weights.team() : 0;
    }

    /** The sum in one fixed order (floating-point addition is not associative). */
    static double total(double distance, double skill, double fairness, double rating, double team) {
        return (((distance + skill) + fairness) + rating) + team;
    }
}
