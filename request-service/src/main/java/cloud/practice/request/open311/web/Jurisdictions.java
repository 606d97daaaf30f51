package cloud.practice.request.open311.web;

import cloud.practice.request.open311.Open311Exception;

import cloud.practice.request.open311.Open311Settings;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.CallerAuthentication;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.web.ApiFormats;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code jurisdiction_id} is a district id, one of {@code practice.open311.jurisdictions}. With exactly one
 * configured it may be left out (the spec's "only required if the endpoint serves multiple jurisdictions");
 * otherwise a missing one is 400 and an unknown one 404. Then the caller: Open311 is the surface for other district
 * systems, so only a machine client (role SYSTEM) of that district (or a platform-wide one) may use it, with the
 * scope the operation needs; anyone else gets 403 in the spec's format. The one exception is GeoReport's public data:
 * callers with no credentials at all may read the services and the public view of requests where the jurisdiction's
 * {@link Open311Settings.PublicView} allows it (ADR 0012). Credentials that are sent are always checked: a refused
 * {@code api_key} or a client of another district is 403, never silently the public view.
 */
@Component
public class Jurisdictions {

    private static final java.util.regex.Pattern DISTRICT = java.util.regex.Pattern.compile(ApiFormats.DISTRICT);

    static final String API_KEY = "api_key";

    private final List<String> served;
    private final Open311Settings settings;

    public Jurisdictions(Open311Settings settings) {
        this.served = settings.jurisdictions().stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
        this.settings = settings;
    }

    /**
     * Who reads what: an integration client of the district with {@code requests:read} reads everything (no public
     * view); a caller who sent no credentials reads the jurisdiction's public view, where it has one.
     */
    public record Reading(String district, Open311Settings.PublicView publicView) {

        public boolean anonymous() {
            return publicView != null;
        }
    }

    /** The district a read is about and the view its caller gets (400/403/404 as the spec says). */
    public Reading reading(String jurisdictionId, HttpServletRequest request) {
        String district = district(jurisdictionId);
        Caller caller = currentCaller();
        if (caller != null) {
            check(caller, district, Scopes.REQUESTS_READ);
            return new Reading(district, null);
        }
        String apiKey = request.getParameter(API_KEY);
        if (apiKey != null && !apiKey.isBlank() || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            throw Open311Exception.forbidden("api_key (or bearer token) is invalid");
        }
        Open311Settings.PublicView view = settings.publicView(district);
        if (!view.enabled()) {
            throw Open311Exception.forbidden("Jurisdiction '" + district + "' answers integration clients only: "
                    + "api_key was not provided");
        }
        return new Reading(district, view);
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
        check(caller, district, scope);
        return district;
    }

    private static void check(Caller caller, String district, String scope) {
        if (!caller.isSystemOf(district)) {
            throw Open311Exception.forbidden("Only integration clients of jurisdiction '" + district
                    + "' may use its Open311 interface");
        }
        if (!caller.hasScope(scope)) {
            throw Open311Exception.forbidden("The api_key's client lacks the scope " + scope);
        }
    }

    /** The caller of a validated token (an exchanged api_key or a bearer token), or null for none. */
    private static Caller currentCaller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication known ? known.getPrincipal() : null;
    }

    public List<String> served() {
        return served;
    }

    static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
