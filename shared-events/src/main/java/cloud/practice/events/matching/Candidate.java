package cloud.practice.events.matching;

/** One ranked candidate with its explained score (components sum to {@code score}). */
public record Candidate(String volunteerId, double score, double distanceKm, double distanceScore, double skillScore,
                        double fairnessScore, double ratingScore, double teamScore) {
}
