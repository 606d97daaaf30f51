package cloud.practice.volunteer.privacy;

import cloud.practice.volunteer.registry.VolunteerMother;
import cloud.practice.volunteer.support.InMemoryMongo;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataVaultTest {

    private final MongoDatabase database = InMemoryMongo.freshDatabase();
    private final PersonalData data = VolunteerMother.withGuardian(VolunteerMother.adult());

    @Test
    void shouldOpenWithTheVolunteersKeyOnlyAndNeverAgainWhenTheKeyIsShredded() {
        PersonalDataVault vault = new PersonalDataVault(database, "");
        String sealed = vault.seal("d1", "vol-1", data);
        vault.seal("d1", "vol-2", data);

        assertThat(sealed).startsWith(PersonalDataVault.FORMAT).doesNotContain("张小明").doesNotContain("13812345678");
        assertThat(vault.open("vol-1", sealed)).contains(data);
        assertThat(vault.open("vol-2", sealed)).as("bound to its volunteer (associated data)").isEmpty();
        assertThat(vault.seal("d1", "vol-1", data)).as("a fresh nonce per seal").isNotEqualTo(sealed);

        vault.shred("vol-1");
        assertThat(vault.open("vol-1", sealed)).as("after erasure").isEmpty();
        assertThat(vault.hasKey("vol-1")).isFalse();
    }

    @Test
    void shouldStoreDataKeysWrappedWhenAMasterKeyIsConfigured() {
        String master = Base64.getEncoder().encodeToString(new byte[32]);
        PersonalDataVault vault = new PersonalDataVault(database, master);
        String sealed = vault.seal("d1", "vol-3", data);

        Document key = database.getCollection(PersonalDataVault.KEYS).find(new Document("_id", "vol-3")).first();
        assertThat(key.getBoolean("wrapped")).isTrue();
        assertThat(vault.open("vol-3", sealed)).contains(data);
        assertThatThrownBy(() -> new PersonalDataVault(database, "").open("vol-3", sealed))
                .hasMessageContaining("master-key");
    }

    @Test
    void shouldNeverPrintPersonalDataWhenLogged() {
        assertThat(data.toString()).doesNotContain("张小明").doesNotContain("13812345678")
                .doesNotContain(data.idNumber()).doesNotContain("1990").doesNotContain("13700001111");
    }
}
