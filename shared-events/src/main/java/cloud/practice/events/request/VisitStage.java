package cloud.practice.events.request;

/** The two moments of a volunteer's visit whose reported location is compared with the request's. */
public enum VisitStage {
    CHECK_IN,
    CHECK_OUT
}
