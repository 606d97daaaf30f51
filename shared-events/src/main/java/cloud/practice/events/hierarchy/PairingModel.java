package cloud.practice.events.hierarchy;

/** The three pairing models. */
public enum PairingModel {
    /** 组织结对 */
    ORGANISATION_PAIRING,
    /** 村居结盟 */
    COMMUNITY_ALLIANCE,
    /** 社团结亲 */
    SOCIAL_GROUP_TIES
}
