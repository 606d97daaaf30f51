package cloud.practice.support.web;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The district (tenant) a request names in its {@code district} query parameter, checked against
 * {@link ApiFormats#DISTRICT}. Controllers take it as an argument ({@link DistrictArgumentResolver}) instead of
 * repeating {@code @RequestParam @Pattern(regexp = DISTRICT) String district}; the API documents still show the
 * parameter with its pattern ({@link DistrictParameterDocs}).
 *
 * @param id the district's id, like {@code cq-jiulongpo}
 */
public record District(String id) {

    /** The query parameter that names the district. */
    public static final String PARAMETER = "district";

    private static final Pattern FORMAT = Pattern.compile(ApiFormats.DISTRICT);

    public District {
        Objects.requireNonNull(id, "id");
        if (!FORMAT.matcher(id).matches()) {
            throw ApiException.badRequest(PARAMETER, "'" + PARAMETER + "' must match " + ApiFormats.DISTRICT);
        }
    }

    /** The district a request's parameter names: 400 {@code invalid-field} when it is missing or malformed. */
    public static District of(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            throw ApiException.badRequest(PARAMETER, "Required parameter '" + PARAMETER + "' is missing");
        }
        return new District(parameter);
    }

    @Override
    public String toString() {
        return id;
    }
}
