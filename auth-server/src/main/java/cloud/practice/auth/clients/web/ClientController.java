package cloud.practice.auth.clients.web;

import cloud.practice.auth.clients.MachineClient;
import cloud.practice.auth.clients.MachineClients;
import cloud.practice.auth.people.Ids;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.people.web.AdminRights;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Machine clients of a district ({@link AdminRights}; scope {@code people:admin}): register one (client credentials;
 * its secret shown once, stored as a hash), rotate its secret (the old one stops at once), revoke it (it can no longer
 * get tokens; tokens it has run out with their lifetime), list them. A client is bound to the district it is
 * registered in; its scopes are the API's ({@code Scopes.ALL}) and the machine-only ones ({@code Scopes.MACHINE_ONLY});
 * a caller bound to a district may give it only scopes their own token has (422 {@code scope-not-yours}). Clients of
 * another district, and platform-wide ones, answer as missing.
 */
@RestController
@RequestMapping("/api/v1/clients")
public class ClientController {

    /** A new machine client. */
    public record NewClient(@NotBlank @Pattern(regexp = Ids.PATTERN) String clientId,
                            @NotEmpty @Size(max = 16) List<@NotBlank String> scopes,
                            List<String> grantTypes) {
    }

    /** The client's secret, shown this once. */
    public record Secret(String clientId, String secret) {
    }

    /** A client in the district's list. */
    public record ClientSummary(String clientId, String district, List<String> scopes, List<String> grantTypes,
                                Instant createdAt) {
    }

    /**
     * The API's scopes and those only machine clients hold ({@code people:notify}). A caller bound to a district
     * still grants only what their own token has, and no person's token has a machine-only scope.
     */
    static final List<String> GRANTABLE = Stream.concat(Scopes.ALL.stream(),
            Scopes.MACHINE_ONLY.stream()).toList();

    private final MachineClients clients;
    private final PasswordEncoder encoder;
    private final PeopleAudit audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ClientController(MachineClients clients, PasswordEncoder encoder, PeopleAudit audit, Clock clock) {
        this.clients = clients;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<Secret> register(Caller caller, @RequestParam String district,
                                           @Valid @RequestBody NewClient body) {
        AdminRights.require(caller, district);
        if (body.grantTypes() != null && !body.grantTypes().equals(List.of("client_credentials"))) {
            throw ApiException.badRequest("grantTypes", "grantTypes may only be [\"client_credentials\"]");
        }
        for (int i = 0; i < body.scopes().size(); i++) {
            if (!GRANTABLE.contains(body.scopes().get(i))) {
                throw ApiException.badRequest("scopes[" + i + "]", "scopes[" + i + "] must be one of " + Scopes.ALL
                        + " or, for machine clients only, " + Scopes.MACHINE_ONLY);
            }
        }
        if (caller.districtId() != null && !caller.scopes().containsAll(body.scopes())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "scope-not-yours",
                    "A client may get only scopes your own token has", Map.of("field", "scopes"));
        }
        String secret = newSecret();
        MachineClient client = new MachineClient(body.clientId(), district, encoder.encode(secret),
                List.copyOf(new java.util.LinkedHashSet<>(body.scopes())), List.of("client_credentials"), List.of(),
                clock.instant());
        if (!clients.register(client)) {
            throw new ApiException(HttpStatus.CONFLICT, "client-exists",
                    "Client id '" + body.clientId() + "' is taken", Map.of("field", "clientId"));
        }
        audit.record(caller.userId(), "client-registered", district, client.clientId());
        return ResponseEntity.created(URI.create("/api/v1/clients/" + client.clientId()))
                .body(new Secret(client.clientId(), secret));
    }

    @PostMapping("/{clientId}/secret")
    public Secret rotate(Caller caller, @RequestParam String district, @PathVariable String clientId) {
        MachineClient client = ofDistrict(caller, district, clientId);
        String secret = newSecret();
        clients.setSecret(client.clientId(), encoder.encode(secret));
        audit.record(caller.userId(), "client-secret-rotated", district, client.clientId());
        return new Secret(client.clientId(), secret);
    }

    @DeleteMapping("/{clientId}")
    public ResponseEntity<Void> revoke(Caller caller, @RequestParam String district, @PathVariable String clientId) {
        MachineClient client = ofDistrict(caller, district, clientId);
        clients.remove(client.clientId());
        audit.record(caller.userId(), "client-revoked", district, client.clientId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    public Page<ClientSummary> list(Caller caller, @RequestParam String district,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        AdminRights.require(caller, district);
        AdminRights.checkPage(page, size);
        return new Page<>(clients.page(district, page, size).stream().map(client -> new ClientSummary(
                client.clientId(), client.districtId(), client.scopes(), client.grantTypes(), client.createdAt()))
                .toList(), page, size, clients.count(district));
    }

    private MachineClient ofDistrict(Caller caller, String district, String clientId) {
        AdminRights.require(caller, district);
        return clients.byId(clientId).filter(client -> district.equals(client.districtId()) && !client.isPublic())
                .orElseThrow(() -> ApiException.notFound("client", clientId));
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
