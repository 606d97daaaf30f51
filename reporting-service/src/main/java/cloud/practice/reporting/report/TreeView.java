package cloud.practice.reporting.report;

/** Which tree a figure is rolled up against. */
public enum TreeView {
    /** The tree as it is today: a merged unit's figures count under its survivor, a moved unit under its new parent. */
    NOW,
    /** The tree as it was on each figure's date: history is not rewritten by later moves and merges. */
    THEN
}
