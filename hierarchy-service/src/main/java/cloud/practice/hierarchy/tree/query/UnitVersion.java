package cloud.practice.hierarchy.tree.query;

import cloud.practice.events.hierarchy.OrgUnitStatus;

import java.util.List;

/**
 * What a unit looked like from {@code from} (inclusive) to {@code to} (exclusive, null = still so): the part of a
 * unit that places it in the tree. Dates are ISO strings, so they compare as text.
 */
record UnitVersion(String from, String to, String name, String parentId, OrgUnitStatus status,
                   List<String> communities) {

    boolean coversDate(String date) {
        return from.compareTo(date) <= 0 && (to == null || date.compareTo(to) < 0);
    }

    UnitVersion closedAt(String date) {
        return new UnitVersion(from, date, name, parentId, status, communities);
    }
}
