package cloud.practice.events.request;

/** The stages with an SLA clock. */
public enum Stage {
    REVIEW,
    DISPATCH,
    ACCEPT,
    COMPLETE
}
