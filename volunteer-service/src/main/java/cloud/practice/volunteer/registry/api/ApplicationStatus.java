package cloud.practice.volunteer.registry.api;

/**
 * Where a resident's own application to be a volunteer stands. Only {@link #APPROVED} made a volunteer (and published
 * anything); {@link #ERASED} is a pending or refused application withdrawn or erased on request.
 */
public enum ApplicationStatus {
    PENDING,
    APPROVED,
    REFUSED,
    ERASED
}
