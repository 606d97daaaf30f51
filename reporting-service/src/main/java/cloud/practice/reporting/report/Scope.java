package cloud.practice.reporting.report;

/** Whether a figure covers the unit alone or the unit and everything below it. */
public enum Scope {
    UNIT, SUBTREE
}
