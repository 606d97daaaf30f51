package cloud.practice.hierarchy.tree.api;

/** What an import did: units established now, units already there with the same data. */
public record ImportResult(int established, int unchanged) {

    /** One invalid row of an import; rows count from 1 in the order received. */
    public record RowError(int row, String unitId, String type, String message) {
    }
}
