package cloud.practice.auth.people;

import java.util.regex.Pattern;

/** The platform's id shape (the services' tokens refuse anything else as subject, district or unit). */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}";
    private static final Pattern ID = Pattern.compile(PATTERN);

    private Ids() {
    }

    public static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
