package io.clientele.application.fake;

import io.clientele.application.port.out.MergeJournal;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.tenant.TenantId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The merge journal in memory (entries in the order recorded). */
public class InMemoryMergeJournal implements MergeJournal, ImmediateTransactions.Participant {

    private final List<Merge> entries = new ArrayList<>();

    @Override
    public synchronized void record(Merge merge) {
        entries.add(merge);
    }

    @Override
    public synchronized Optional<Merge> find(TenantId tenantId, String mergeId) {
        return entries.stream().filter(m -> m.tenantId().equals(tenantId) && m.id().equals(mergeId)).findFirst();
    }

    @Override
    public synchronized Optional<Merge> latestUnrevertedInto(TenantId tenantId, CustomerId survivorId) {
        return entries.stream()
                .filter(m -> m.tenantId().equals(tenantId) && m.survivorId().equals(survivorId) && !m.isReverted())
                .max(Comparator.comparing(Merge::at).thenComparing(entries::indexOf));
    }

    @Override
    public synchronized Optional<Merge> latestRevertedInto(TenantId tenantId, CustomerId survivorId) {
        return entries.stream()
                .filter(m -> m.tenantId().equals(tenantId) && m.survivorId().equals(survivorId) && m.isReverted())
                .max(Comparator.comparing(Merge::revertedAt).thenComparing(entries::indexOf));
    }

    @Override
    public synchronized void markReverted(Merge merge) {
        entries.replaceAll(m -> m.tenantId().equals(merge.tenantId()) && m.id().equals(merge.id()) ? merge : m);
    }

    @Override
    public synchronized List<Merge> involving(TenantId tenantId, java.util.Collection<CustomerId> customerIds) {
        return entries.stream().filter(m -> m.tenantId().equals(tenantId)
                && (customerIds.contains(m.survivorId()) || customerIds.contains(m.absorbedId())))
                .sorted(java.util.Comparator.comparing(Merge::at)).toList();
    }

    @Override
    public synchronized void scrub(TenantId tenantId, java.util.Collection<CustomerId> customerIds) {
        entries.replaceAll(m -> m.tenantId().equals(tenantId) && (customerIds.contains(m.survivorId())
                || customerIds.contains(m.absorbedId())) ? new Merge(m.id(), m.tenantId(), m.survivorId(),
                m.absorbedId(), m.at(), m.reason(), m.actor(), bare(m.survivorBefore()), bare(m.absorbedBefore()),
                m.survivorVersionAfter(), m.revertedAt(), m.revertedBy(), m.survivorVersionAfterRevert()) : m);
    }

    private static io.clientele.domain.customer.CustomerSnapshot bare(io.clientele.domain.customer.CustomerSnapshot s) {
        return new io.clientele.domain.customer.CustomerSnapshot(s.id(), s.state(), s.version(),
                io.clientele.domain.customer.Profile.empty(), List.of(), s.createdAt(), s.updatedAt(), s.mergedInto(),
                null, List.of(), List.of());
    }

    public synchronized List<Merge> entries() {
        return List.copyOf(entries);
    }

    @Override
    public synchronized Object checkpoint() {
        return List.copyOf(entries);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object checkpoint) {
        entries.clear();
        entries.addAll((List<Merge>) checkpoint);
    }
}
