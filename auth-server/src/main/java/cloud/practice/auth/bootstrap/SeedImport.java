package cloud.practice.auth.bootstrap;

import cloud.practice.auth.AuthSettings;
import cloud.practice.auth.clients.MachineClient;
import cloud.practice.auth.clients.MachineClients;
import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.support.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.time.Clock;

/**
 * Imports the configured seed into the directory once: each client and user that is absent (by id) is added,
 * audited as actor {@code bootstrap}; one that exists is left exactly as it is, whatever changed since (a rotated
 * secret, a disabled admin). Seeded users keep their user name as account id and login name; a city's analyst is
 * audited in their city. Runs before the server takes requests.
 */
public class SeedImport implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SeedImport.class);

    private final Seeds seeds;
    private final Accounts accounts;
    private final MachineClients clients;
    private final PeopleAudit audit;
    private final Clock clock;

    public SeedImport(Seeds seeds, Accounts accounts, MachineClients clients, PeopleAudit audit, Clock clock) {
        this.seeds = seeds;
        this.accounts = accounts;
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (AuthSettings.Client client : seeds.clients()) {
            boolean publicClient = client.secret() == null || client.secret().isBlank();
            String district = client.district() == null || client.district().isBlank() ? null : client.district();
            if (clients.byId(client.clientId()).isEmpty() && clients.register(new MachineClient(client.clientId(),
                    district, publicClient ? null : client.secret(), client.scopes(), client.grantTypes(),
                    client.redirectUris(), clock.instant()))) {
                audit.record("bootstrap", "client-registered", district, client.clientId());
            }
        }
        for (AuthSettings.User user : seeds.users()) {
            if (accounts.byId(user.username()).isPresent()) {
                continue;
            }
            boolean staff = Seeds.staff(user);
            try {
                if (Seeds.cityAnalyst(user)) {
                    Account analyst = Account.newCityAnalyst(user.username(), user.city(), user.username(),
                            user.password(), null, false, clock.instant());
                    accounts.create(analyst);
                    audit.record("bootstrap", "city-analyst-created", analyst);
                    continue;
                }
                accounts.create(new Account(user.username(), user.district(),
                        staff ? AccountKind.STAFF : AccountKind.RESIDENT, AccountStatus.ACTIVE, user.username(), null,
                        user.password(), staff ? Role.valueOf(user.role()) : null, staff ? user.unit() : null, null,
                        null, false, clock.instant()));
                audit.record("bootstrap", staff ? "staff-created" : "sign-up", user.district(), user.username());
            } catch (Accounts.NameTaken taken) {
                log.warn("seed user {} not imported: its {} belongs to another account", user.username(),
                        taken.which());
            }
        }
    }
}
