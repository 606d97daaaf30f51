package cloud.practice.volunteer.matching.index;

/**
 * The registry's volunteer ids ({@code vol-} and a lower-case canonical UUID) held as two longs. Any other id is
 * kept as a string; {@link #parse} tells which.
 */
record CompactId(long high, long low) {

    private static final String PREFIX = "vol-";
    private static final int LENGTH = PREFIX.length() + 36;

    /** The compact form, or null when the id is not exactly {@code vol-<lower-case canonical uuid>}. */
    static CompactId parse(String id) {
        if (id.length() != LENGTH || !id.startsWith(PREFIX)) {
            return null;
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = id.charAt(i);
            int at = i - PREFIX.length();
            if (at == 8 || at == 13 || at == 18 || at == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int value = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (value < 0) {
                return null;
            }
            if (digits < 16) {
                high = (high << 4) | value;
            } else {
                low = (low << 4) | value;
            }
            digits++;
        }
        return new CompactId(high, low);
    }

    static String format(long high, long low) {
        return PREFIX + new java.util.UUID(high, low);
    }

    int hash() {
        return hash(high, low);
    }

    static int hash(long high, long low) {
        return DistrictIndex.mix(Long.hashCode(high * 31 + low));
    }
}
