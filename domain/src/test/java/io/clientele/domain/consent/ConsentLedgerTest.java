package io.clientele.domain.consent;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentLedgerTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");

    private static ConsentEvent event(String id, ConsentStatus status, Instant at, Instant recordedAt) {
        return new ConsentEvent(id, Channel.EMAIL, status, at, recordedAt, "API", null, null, "key-1");
    }

    @Test
    void timesAreKeptToTheMicrosecondTheLedgerStores() {
        ConsentEvent event = event("e1", ConsentStatus.GRANTED, AT.plusNanos(789), AT.plusNanos(999));

        assertThat(event.at()).isEqualTo(AT);
        assertThat(event.recordedAt()).isEqualTo(AT);
    }

    @Test
    void eventsApartByLessThanAMicrosecondAreOrderedByArrivalAsAfterAReload() {
        // the grant says it happened 500 ns after the withdrawal but arrived first: stored to the microsecond the two
        // tie on time and the later arrival wins, so the answer given when written must say the same
        ConsentEvent grant = event("e1", ConsentStatus.GRANTED, AT.plusNanos(500), AT);
        ConsentEvent withdrawal = event("e2", ConsentStatus.WITHDRAWN, AT, AT.plusSeconds(1));

        ConsentLedger written = ConsentLedger.empty().with(List.of(grant, withdrawal));
        ConsentLedger reloaded = new ConsentLedger(List.of(
                event("e1", ConsentStatus.GRANTED, AT, AT), event("e2", ConsentStatus.WITHDRAWN, AT, AT.plusSeconds(1))));

        assertThat(written.current(Channel.EMAIL).orElseThrow().status()).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(written.events()).isEqualTo(reloaded.events());
    }

    @Test
    void theLatestEventOfAChannelIsItsState() {
        ConsentEvent grant = event("e1", ConsentStatus.GRANTED, AT, AT.plusSeconds(5));
        ConsentEvent withdrawal = event("e2", ConsentStatus.WITHDRAWN, AT.plusSeconds(1), AT);

        ConsentLedger ledger = ConsentLedger.empty().with(List.of(withdrawal, grant));

        assertThat(ledger.isGranted(Channel.EMAIL)).isFalse();
        assertThat(ledger.currentStates()).containsEntry(Channel.EMAIL, withdrawal);
    }
}
