package cloud.practice.notification.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A delivery's reference: the same for every retry, a new one for each send an operator asks again. */
class DeliveryReferenceTest {

    private static final String BASE = "ntc-0123456789abcdef0123456789abcdef:sms:acc-r1";

    @Test
    void shouldKeepTheReferenceUntilTheDeliveryWasSentThenCountOperatorsRedeliveries() {
        assertThat(DeliveryWorker.reference(BASE, null)).as("never sent").isEqualTo(BASE);
        assertThat(DeliveryWorker.reference(BASE, BASE)).as("sent once, redelivered").isEqualTo(BASE + ":r2");
        assertThat(DeliveryWorker.reference(BASE, BASE + ":r2")).isEqualTo(BASE + ":r3");
        assertThat(DeliveryWorker.reference(BASE, BASE + ":r41")).isEqualTo(BASE + ":r42");
    }

    @Test
    void shouldIgnoreAProvidersIdThatIsNotOneOfItsReferences() {
        assertThat(DeliveryWorker.reference(BASE, "294402298110051943")).as("a WeChat msgid").isEqualTo(BASE);
        assertThat(DeliveryWorker.reference(BASE, BASE + ":x")).isEqualTo(BASE);
        assertThat(DeliveryWorker.reference(BASE, BASE.replace("acc-r1", "acc-r2"))).isEqualTo(BASE);
    }
}
