package cloud.practice.request.directory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pairings are known per (district, id); an ended one is known but not running; redelivery changes nothing. */
class PairingDirectoryTest {

    final Directories directories = new Directories();
    final PairingDirectory pairings = directories.pairings;

    @Test
    void shouldKnowAPairingOnlyInItsOwnDistrictUntilItEnds() {
        directories.pairing("d-a", "pairing-1").pairing("d-a", "pairing-1");
        assertThat(pairings.active("d-a", "pairing-1")).isTrue();
        assertThat(pairings.active("d-b", "pairing-1")).isFalse();
        assertThat(pairings.pairing("d-b", "pairing-1")).isEmpty();

        directories.pairingEnded("d-a", "pairing-1").pairingEnded("d-a", "pairing-1");
        assertThat(pairings.active("d-a", "pairing-1")).isFalse();
        assertThat(pairings.pairing("d-a", "pairing-1")).isPresent();
    }

    @Test
    void shouldNotTreatAnEndWithoutAFormationAsAPairing() {
        directories.pairingEnded("d-a", "pairing-x");
        assertThat(pairings.pairing("d-a", "pairing-x")).isEmpty();
    }
}
