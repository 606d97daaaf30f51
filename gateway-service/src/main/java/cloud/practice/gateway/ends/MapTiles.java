package cloud.practice.gateway.ends;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The map tiles the staff console draws under an order's position ({@code practice.people-ends.map.*}): the district's
 * tile server as an XYZ URL template and the attribution its licence asks for. None is configured by default: the
 * platform then loads nothing from another host, and the map shows the positions on a plain background with its scale.
 * A configured server's origins (one per subdomain) are added to the pages' {@code img-src} and nowhere else.
 *
 * @param tiles       {@code https://…/{z}/{x}/{y}…}, with {@code {s}} where the server spreads over subdomains
 * @param attribution required with {@code tiles}: shown in the map's corner
 * @param subdomains  what {@code {s}} stands for; required when the template has it
 * @param maxZoom     the highest zoom the server has tiles for
 */
@ConfigurationProperties("practice.people-ends.map")
public record MapTiles(String tiles, String attribution, List<String> subdomains, @DefaultValue("18") int maxZoom) {

    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    public MapTiles {
        tiles = tiles == null || tiles.isBlank() ? null : tiles.trim();
        attribution = attribution == null || attribution.isBlank() ? null : attribution.trim();
        subdomains = subdomains == null ? List.of() : List.copyOf(subdomains);
        if (tiles != null) {
            refuseUnless(tiles.contains("{z}") && tiles.contains("{x}") && tiles.contains("{y}"),
                    "tiles must be a template with {z}, {x} and {y}");
            refuseUnless(attribution != null && attribution.length() <= 300,
                    "attribution (at most 300 characters) is required with tiles: the tile server's licence asks for it");
            refuseUnless(!tiles.contains("{s}") || !subdomains.isEmpty(), "tiles has {s}: name the subdomains");
            subdomains.forEach(name -> refuseUnless(SUBDOMAIN.matcher(name).matches(),
                    "subdomain '" + name + "' is not a host name label"));
            refuseUnless(maxZoom >= 1 && maxZoom <= 22, "max-zoom must be between 1 and 22");
            origins(tiles, subdomains); // refuses anything but https with a host
        }
    }

    public boolean configured() {
        return tiles != null;
    }

    /** The origins the tiles come from ({@code https://host[:port]}), for the Content-Security-Policy. */
    public Set<String> origins() {
        return tiles == null ? Set.of() : origins(tiles, subdomains);
    }

    /** What the pages read from {@code /app/settings.json}. */
    public Map<String, Object> forPages() {
        if (tiles == null) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tiles", tiles);
        map.put("attribution", attribution);
        map.put("subdomains", subdomains);
        map.put("maxZoom", maxZoom);
        return map;
    }

    private static Set<String> origins(String tiles, List<String> subdomains) {
        Set<String> origins = new LinkedHashSet<>();
        for (String subdomain : tiles.contains("{s}") ? subdomains : List.of("")) {
            String url = tiles.replace("{s}", subdomain).replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")
                    .replace("{r}", "");
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("practice.people-ends.map.tiles is not a URL: " + e.getMessage());
            }
            refuseUnless("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null,
                    "tiles must be an https URL with a host and no user (got " + tiles + ")");
            origins.add("https://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        }
        return origins;
    }

    private static void refuseUnless(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("practice.people-ends.map: " + message);
        }
    }
}
