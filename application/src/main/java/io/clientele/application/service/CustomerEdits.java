package io.clientele.application.service;

import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.PushInput;
import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.port.out.TenantCatalog;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentEvent;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.Enrolment;
import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies the non-identifier part of a write to a customer. Checks against the tenant's declarations (extended
 * fields, loyalty programmes) happen in {@link #prepare}, before any transaction, so a bad request costs no locks.
 */
@Singleton
public class CustomerEdits {

    private final TenantCatalog catalog;
    private final Transactions transactions;
    private final IdGenerator ids;

    public CustomerEdits(TenantCatalog catalog, Transactions transactions, IdGenerator ids) {
        this.catalog = catalog;
        this.transactions = transactions;
        this.ids = ids;
    }

    /**
     * Validates what depends on the tenant's declarations and returns the changes with extended-field values in
     * canonical form.
     *
     * @throws ValidationException naming every undeclared or ill-typed extended field and unknown programme/tier
     */
    CustomerChanges prepare(TenantId tenantId, CustomerChanges changes) {
        DetailsPatch details = changes.details();
        boolean hasExtended = !details.extendedFields().set().isEmpty();
        boolean hasEnrolments = details.loyalty() != null && !details.loyalty().enrolments().isEmpty();
        if (!hasExtended && !hasEnrolments) {
            return changes;
        }
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> canonical = new LinkedHashMap<>();
        if (hasExtended) {
            Map<String, ExtendedFieldDefinition> declared = transactions.readOnly(() -> catalog.extendedFields(tenantId))
                    .stream().collect(Collectors.toMap(ExtendedFieldDefinition::name, Function.identity()));
            details.extendedFields().set().forEach((name, raw) -> {
                String pointer = "/extendedFields/" + name.replace("~", "~0").replace("/", "~1");
                ExtendedFieldDefinition definition = declared.get(name);
                if (definition == null) {
                    violations.add(new Violation(pointer, "undeclared-extended-field", "extended field " + name
                            + " is not declared; declare it with PUT /v1/extended-fields/" + name));
                    return;
                }
                try {
                    canonical.put(name, definition.canonical(raw));
                } catch (InvalidValueException e) {
                    violations.add(Violation.of(pointer, e));
                }
            });
        }
        if (hasEnrolments) {
            Map<Integer, LoyaltyProgramme> programmes = transactions.readOnly(() -> catalog.programmes(tenantId))
                    .stream().collect(Collectors.toMap(LoyaltyProgramme::id, Function.identity()));
            List<Enrolment> enrolments = details.loyalty().enrolments();
            for (int i = 0; i < enrolments.size(); i++) {
                Enrolment enrolment = enrolments.get(i);
                String pointer = "/loyalty/enrolments/" + i;
                LoyaltyProgramme programme = programmes.get(enrolment.programmeId());
                if (programme == null) {
                    violations.add(new Violation(pointer + "/programmeId", "undeclared-programme", "programme "
                            + enrolment.programmeId() + " is not declared; declare it with PUT /v1/loyalty-programmes/"
                            + enrolment.programmeId()));
                } else if (enrolment.tierNumber() != null && !programme.hasTier(enrolment.tierNumber())) {
                    violations.add(new Violation(pointer + "/tierNumber", "unknown-tier", "programme "
                            + programme.id() + " has no tier " + enrolment.tierNumber()));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        DetailsPatch checked = new DetailsPatch(details.tags(), details.mailingLists(), details.attributes(),
                details.extendedFields().withValues(canonical), details.children(), details.vehicles(),
                details.loyalty(), details.removeLoyalty(), details.canonicalId(), details.loyaltyRemoved());
        return new CustomerChanges(changes.profile(), checked, changes.consents(), changes.pushSubscriptions(),
                changes.removeAllPush());
    }

    /** Applies prepared changes to the customer and records who made them. */
    void apply(Customer customer, CustomerChanges changes, String defaultSource, String actor, Instant now) {
        customer.changedBy(actor, defaultSource);
        customer.applyProfile(changes.profile(), now);
        customer.applyDetails(changes.details(), now);
        List<ConsentEvent> events = new ArrayList<>();
        for (ConsentInput consent : changes.consents()) {
            if (isRecorded(customer, consent)) {
                events.add(consentEvent(consent, defaultSource, actor, now));
            }
        }
        customer.recordConsents(events, now);
        List<PushSubscription> subscriptions = new ArrayList<>();
        for (PushInput push : changes.pushSubscriptions()) {
            subscriptions.add(new PushSubscription(push.provider(), push.token(), push.applicationId(),
                    push.fcmProjectId(), push.devEnvironment(), push.createdAt() != null ? push.createdAt() : now));
        }
        if (changes.removeAllPush()) {
            // those listed are the customer's subscriptions now; the ones held keep their creation time
            customer.replacePush(subscriptions, now);
        } else {
            customer.subscribePush(subscriptions, now);
        }
    }

    private static boolean isRecorded(Customer customer, ConsentInput consent) {
        Optional<ConsentEvent> current = customer.consents().current(consent.channel());
        return switch (consent.recording()) {
            case ALWAYS -> true;
            case IF_CHANGED -> current.map(event -> event.status() != consent.status()).orElse(true);
            case AS_DEFAULT -> current.isEmpty() && isReachableOn(customer, consent.channel());
        };
    }

    private static boolean isReachableOn(Customer customer, Channel channel) {
        IdentifierType needed = switch (channel) {
            case EMAIL -> IdentifierType.EMAIL;
            case SMS -> IdentifierType.PHONE;
            default -> null;
        };
        return needed == null || customer.identifiers().stream().anyMatch(identifier -> identifier.type() == needed);
    }

    ConsentEvent consentEvent(ConsentInput consent, String defaultSource, String actor, Instant now) {
        String source = consent.source() != null ? io.clientele.domain.identity.Identifier.normalizeSource(
                consent.source()) : defaultSource;
        return new ConsentEvent(ids.newId(), consent.channel(), consent.status(),
                consent.at() != null ? consent.at() : now, now, source, consent.evidence(), consent.policyVersion(),
                actor);
    }

}
