package cloud.practice.volunteer.support;

import cloud.practice.support.domain.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link RuleViolation} by its stable code (and field, when given). */
public final class Problems {

    private Problems() {
    }

    public static Matcher<RuleViolation> problem(String type) {
        return problem(type, null);
    }

    public static Matcher<RuleViolation> problem(String type, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation e) {
                return e.code().equals(type) && (field == null || field.equals(e.field()));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a problem of type " + type + (field == null ? "" : " on field " + field));
            }

            @Override
            protected void describeMismatchSafely(RuleViolation e, Description mismatch) {
                mismatch.appendText("was " + e.code() + " " + e.field() + " " + e.properties() + ": " + e.getMessage());
            }
        };
    }
}
