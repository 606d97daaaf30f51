package cloud.practice.events.hierarchy;

/** The tiers of the practice network. */
public enum OrgTier {
    /** 新时代文明实践中心: one per district, the root. */
    CENTER,
    /** 文明实践分中心: a thematic branch of the center. */
    SUB_CENTER,
    /** 文明实践所: a town or street. */
    INSTITUTE,
    /** 文明实践站: a village or community. */
    STATION,
    /** 文明实践点 / 基地: a site under a station or an institute. */
    POINT
}
