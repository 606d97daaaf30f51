package cloud.practice.notification.delivery;

import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.notification.notice.NoticeStore.Receipted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** A receipt waits a while for a notice a worker holds, by real time: a clock that stands still holds it no longer. */
class ReceiptsTest {

    private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");
    private static final String NOTICE = "ntc-0123456789abcdef0123456789abcdef";

    @Test
    void shouldGiveUpOnABusyNoticeAfterAWhileEvenWhenTheClockStandsStill() {
        NoticeStore store = mock(NoticeStore.class);
        when(store.receipt(eq("d-1"), eq(NOTICE), eq(Channel.SMS), any(), anyBoolean(), any(), any(), any()))
                .thenReturn(Receipted.BUSY);
        Receipts receipts = new Receipts(store, Clock.fixed(AT, ZoneOffset.UTC), new SimpleMeterRegistry());

        Receipted outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> receipts.byReference("d-1",
                Channel.SMS, NOTICE + ":sms:acc-1", new Receipts.Receipt(true, null, AT)));

        assertThat(outcome).isEqualTo(Receipted.BUSY);
        verify(store, atLeast(2)).receipt(eq("d-1"), eq(NOTICE), eq(Channel.SMS), any(), anyBoolean(), any(), any(),
                any());
    }
}
