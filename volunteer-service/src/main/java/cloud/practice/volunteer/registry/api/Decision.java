package cloud.practice.volunteer.registry.api;

/** A station's decision on an application (审核). */
public enum Decision {
    APPROVE,
    REFUSE
}
