package cloud.practice.support.web;

import java.util.List;

/**
 * One page of a list (pages count from 0), with the total so clients can page on. Every paged endpoint bounds its
 * parameters with {@code @Max(Page.MAX_PAGE)} and {@code @Max(Page.MAX_SIZE)}; {@link #of} refuses anything beyond
 * them with a 400 as well, so no page arithmetic can overflow.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** Far beyond any list the platform holds (10^5 pages of hundreds), far below an overflow. */
    public static final int MAX_PAGE = 100_000;
    /** The usual bound of a page's size (reporting's is a setting). */
    public static final int MAX_SIZE = 500;

    public static <T> Page<T> of(List<T> all, int page, int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw ApiException.badRequest("page", "page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1) {
            throw ApiException.badRequest("size", "size must be at least 1");
        }
        long from = Math.min(all.size(), (long) page * size);
        long to = Math.min(all.size(), from + size);
        return new Page<>(all.subList((int) from, (int) to), page, size, all.size());
    }
}
