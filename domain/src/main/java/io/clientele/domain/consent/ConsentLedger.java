package io.clientele.domain.consent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's consent history, append-only. The current state of a channel is its latest event by time (ties:
 * arrival order), so a withdrawal made after a grant is never lost, whichever arrived first or from where.
 */
public record ConsentLedger(List<ConsentEvent> events) {

    private static final ConsentLedger EMPTY = new ConsentLedger(List.of());

    public ConsentLedger {
        List<ConsentEvent> sorted = new ArrayList<>(events);
        sorted.sort(ConsentEvent::chronological);
        events = Collections.unmodifiableList(sorted);
    }

    public static ConsentLedger empty() {
        return EMPTY;
    }

    public ConsentLedger with(List<ConsentEvent> more) {
        List<ConsentEvent> all = new ArrayList<>(events);
        all.addAll(more);
        return new ConsentLedger(all);
    }

    public Optional<ConsentEvent> current(Channel channel) {
        ConsentEvent latest = null;
        for (ConsentEvent event : events) {
            if (event.channel() == channel) {
                latest = event;
            }
        }
        return Optional.ofNullable(latest);
    }

    public Map<Channel, ConsentEvent> currentStates() {
        Map<Channel, ConsentEvent> states = new EnumMap<>(Channel.class);
        for (ConsentEvent event : events) {
            states.put(event.channel(), event);
        }
        return states;
    }

    public boolean isGranted(Channel channel) {
        return current(channel).map(e -> e.status() == ConsentStatus.GRANTED).orElse(false);
    }
}
