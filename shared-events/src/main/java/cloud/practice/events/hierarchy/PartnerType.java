package cloud.practice.events.hierarchy;

public enum PartnerType {
    PARTY_ORGANISATION,
    PARTY_CADRE,
    CIVILIZED_UNIT,
    SOCIAL_WORK_ORGANISATION,
    VOLUNTEER_ORGANISATION
}
