package cloud.practice.volunteer.support;

import cloud.practice.support.web.ApiException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches an {@link ApiException} by its stable problem type (and field, when given). */
public final class Problems {

    private Problems() {
    }

    public static Matcher<ApiException> problem(String type) {
        return problem(type, null);
    }

    public static Matcher<ApiException> problem(String type, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ApiException e) {
                return e.type().equals(type) && (field == null || field.equals(e.properties().get("field")));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a problem of type " + type + (field == null ? "" : " on field " + field));
            }

            @Override
            protected void describeMismatchSafely(ApiException e, Description mismatch) {
                mismatch.appendText("was " + e.type() + " " + e.properties() + ": " + e.getMessage());
            }
        };
    }
}
