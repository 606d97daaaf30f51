package cloud.practice.volunteer.matching.index;

import java.util.Arrays;

/** A weekly availability pattern ({@link WeeklyCells}) as a map key: arrays compare by identity, this by content. */
record PatternKey(long[] cells) {
    @Override
    public boolean equals(Object other) {
        return other instanceof PatternKey that && Arrays.equals(cells, that.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }
}
