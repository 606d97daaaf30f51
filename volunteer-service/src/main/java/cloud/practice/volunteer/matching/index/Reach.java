package cloud.practice.volunteer.matching.index;

/** Who may be asked: those within a travel radius of the need, or those whose home unit is below a unit. */
public enum Reach {
    /** Home (approximate) location within {@code radiusKm} of the need's location. */
    RADIUS,
    /** Home unit inside the responsible unit's subtree, wherever the volunteer lives. */
    SUBTREE
}
