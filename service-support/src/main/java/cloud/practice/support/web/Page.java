package cloud.practice.support.web;

import java.util.List;

/** One page of a list (pages count from 0), with the total so clients can page on. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static <T> Page<T> of(List<T> all, int page, int size) {
        int from = Math.min(all.size(), page * size);
        int to = Math.min(all.size(), from + size);
        return new Page<>(all.subList(from, to), page, size, all.size());
    }
}
