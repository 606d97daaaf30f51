package cloud.practice.request.open311.web;

import cloud.practice.request.open311.Open311Exception;

import cloud.practice.request.open311.Open311Settings;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.ApiFormats;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code jurisdiction_id} is a district id, one of {@code practice.open311.jurisdictions}. With exactly one
 * configured it may be left out (the spec's "only required if the endpoint serves multiple jurisdictions");
 * otherwise a missing one is 400 and an unknown one 404. Then the caller: Open311 is the surface for other district
 * systems, so only a machine client (role SYSTEM) of that district (or a platform-wide one) may use it, with the
 * scope the operation needs; anyone else gets 403 in the spec's format.
 */
@Component
public class Jurisdictions {

    private static final java.util.regex.Pattern DISTRICT = java.util.regex.Pattern.compile(ApiFormats.DISTRICT);

    private final List<String> served;

    public Jurisdictions(Open311Settings settings) {
        this.served = settings.jurisdictions().stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }

    /** The district the request is about (400/404 as the spec says), without looking at the caller. */
    public String district(String jurisdictionId) {
        if (jurisdictionId == null || jurisdictionId.isBlank()) {
            if (served.size() == 1) {
                return served.get(0);
            }
            throw Open311Exception.badRequest("jurisdiction_id was not provided; this endpoint serves "
                    + served.size() + " jurisdictions");
        }
        if (!DISTRICT.matcher(jurisdictionId).matches() || !served.contains(jurisdictionId)) {
            throw Open311Exception.notFound("jurisdiction_id '" + shorten(jurisdictionId) + "' was not found");
        }
        return jurisdictionId;
    }

    /** The district, after checking that the caller is a machine client of it holding {@code scope}. */
    public String authorise(Caller caller, String jurisdictionId, String scope) {
        String district = district(jurisdictionId);
        if (!caller.isSystemOf(district)) {
            throw Open311Exception.forbidden("Only integration clients of jurisdiction '" + district
                    + "' may use its Open311 interface");
        }
        if (!caller.hasScope(scope)) {
            throw Open311Exception.forbidden("The api_key's client lacks the scope " + scope);
        }
        return district;
    }

    public List<String> served() {
        return served;
    }

    static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
