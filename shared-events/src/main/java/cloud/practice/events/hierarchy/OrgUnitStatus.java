package cloud.practice.events.hierarchy;

public enum OrgUnitStatus {
    ACTIVE,
    SUSPENDED,
    CLOSED
}
