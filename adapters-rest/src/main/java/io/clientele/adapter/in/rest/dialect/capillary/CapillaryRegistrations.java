package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.FindCustomersUseCase;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.LookupCustomerQuery;
import io.clientele.application.port.in.ManageCatalogUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.Enrolment;
import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.Loyalty;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.customer.MapEdit;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.SourceAccount;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.WriteContendedException;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.Tenant;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Capillary's create-only registration on top of the registry's upsert.
 *
 * <p>Before writing, every identifier of the request is looked up. One already seen from the request's own source
 * account (same source and account id) makes the registration fail with 8006: within a source account, identifiers
 * are unique and this API never updates. Identifiers known only from other sources (including the native API's
 * {@code API} and the other dialects' sources) make the registration join that customer: the upsert adds the new
 * sighting to each identifier ({@link Identifier#sources()}), adds the new identifiers, and the answer carries warning
 * 8050. Since the page forbids updating existing customer details, a join only fills what the customer doesn't have
 * yet (profile values, custom and extended fields by key, programmes not enrolled in); what it has stays.
 *
 * <p>Race window: the check and the write are separate transactions. Two registrations of the same new identifier
 * from the same source at the same moment both pass the check; the database's unique key still lets only one
 * customer hold it, so the second one joins the first one's customer (answered with 8050, not 8006). A write of the
 * same identifier from the same source landing between another registration's check and write is likewise seen as
 * a join. Nothing is duplicated either way; only the 8006 refusal can be missed in that window.
 */
@Singleton
class CapillaryRegistrations {

    private final UpsertCustomerUseCase upserts;
    private final FindCustomersUseCase finder;
    private final ManageCatalogUseCase catalog;

    CapillaryRegistrations(UpsertCustomerUseCase upserts, FindCustomersUseCase finder, ManageCatalogUseCase catalog) {
        this.upserts = upserts;
        this.finder = finder;
        this.catalog = catalog;
    }

    /** @param combined the registration joined a customer that existed already (warning 8050) */
    record Registered(String customerId, boolean combined) {
    }

    /** @throws CapillaryFailure for anything refused, already in Capillary's terms */
    Registered register(Tenant tenant, CapillaryRegistration registration, String actor) {
        checkDeclarations(tenant, registration);
        Map<String, Customer> holders = new LinkedHashMap<>();
        List<CapillaryMessage> sameSource = new ArrayList<>();
        List<IdentifierInput> inputs = new ArrayList<>();
        for (CapillaryRegistration.IdentifierEntry entry : registration.identifiers()) {
            IdentifierInput input = entry.input();
            inputs.add(input);
            Customer holder;
            try {
                holder = finder.lookup(new LookupCustomerQuery(tenant.id(), input.type(), input.name(),
                        input.value()));
            } catch (NotFoundException e) {
                continue;
            }
            holders.putIfAbsent(holder.id().value(), holder);
            Identifier held = holder.identifier(entry.key());
            if (held != null) {
                // "you cannot update existing customer details with this API": another source joining keeps the
                // channel flags held (a WEBSITE sign-up must not undo an in-store opt-in); it only fills blanks
                inputs.set(inputs.size() - 1, new IdentifierInput(input.type(), input.name(), input.value(),
                        input.source(), input.accountId(), held.primary() == null ? input.primary() : null,
                        held.verified() == null ? input.verified() : null,
                        held.subscribed() == null ? input.subscribed() : null));
            }
            if (held != null && held.sources().contains(new SourceAccount(input.source(), input.accountId()))) {
                sameSource.add(CapillaryMessage.of(CapillaryCode.SAME_SOURCE_EXISTS,
                        CapillaryCode.SAME_SOURCE_EXISTS.message(), entry.path()));
            }
        }
        if (!sameSource.isEmpty()) {
            throw new CapillaryFailure(HttpStatus.CONFLICT, sameSource);
        }
        List<CapillaryRegistration.EnrolmentEntry> enrolments = new ArrayList<>();
        CustomerChanges changes = changes(registration, holders.values(), enrolments);
        UpsertResult result;
        try {
            result = upserts.upsert(new UpsertCustomerCommand(tenant.id(), inputs, changes, "/identifiers",
                    registration.defaultSource(), actor, false));
        } catch (ValidationException e) {
            throw new CapillaryFailure(HttpStatus.BAD_REQUEST, e.violations().stream()
                    .map(v -> translate(v, registration, enrolments)).toList());
        } catch (InvalidValueException e) {
            throw CapillaryFailure.badRequest(CapillaryCode.INVALID_FIELD, e.getMessage(), null);
        } catch (WriteContendedException e) {
            // lost its races this time: not the request's fault, nor an answer to keep for its Idempotency-Key
            throw e;
        } catch (ConflictException e) {
            // an identifier reserved by a deleted customer, or several holders under the REJECT policy
            throw new CapillaryFailure(HttpStatus.CONFLICT, List.of(CapillaryMessage.of(
                    CapillaryCode.IDENTIFIER_CONFLICT)));
        }
        boolean combined = !holders.isEmpty() || result.outcome() != UpsertResult.Outcome.CREATED;
        return new Registered(result.customer().id().value(), combined);
    }

    /** Extended fields and enrolments against the org's declarations, reported in the vendor's field names. */
    private void checkDeclarations(Tenant tenant, CapillaryRegistration registration) {
        List<CapillaryMessage> errors = new ArrayList<>();
        if (!registration.extendedFields().isEmpty()) {
            Map<String, ExtendedFieldDefinition> declared = catalog.extendedFields(tenant.id()).stream()
                    .collect(Collectors.toMap(ExtendedFieldDefinition::name, Function.identity()));
            registration.extendedFields().forEach((name, value) -> {
                String field = "extendedFields." + name;
                ExtendedFieldDefinition definition = declared.get(name);
                if (definition == null) {
                    errors.add(CapillaryMessage.of(CapillaryCode.INVALID_EXTENDED_FIELD,
                            "Invalid extended field: " + field + " is not enabled for the org", field));
                    return;
                }
                try {
                    definition.canonical(value);
                } catch (InvalidValueException e) {
                    errors.add(CapillaryMessage.of(CapillaryCode.INVALID_EXTENDED_FIELD,
                            "Invalid extended field: " + e.getMessage(), field));
                }
            });
        }
        if (!registration.enrolments().isEmpty()) {
            Map<Integer, LoyaltyProgramme> programmes = catalog.programmes(tenant.id()).stream()
                    .collect(Collectors.toMap(LoyaltyProgramme::id, Function.identity()));
            for (CapillaryRegistration.EnrolmentEntry entry : registration.enrolments()) {
                Enrolment enrolment = entry.enrolment();
                LoyaltyProgramme programme = programmes.get(enrolment.programmeId());
                if (programme == null) {
                    errors.add(CapillaryMessage.of(CapillaryCode.INVALID_ENROLMENT, "loyalty program "
                            + enrolment.programmeId() + " does not exist for the org", entry.path() + ".programId"));
                } else if (enrolment.tierNumber() != null && !programme.hasTier(enrolment.tierNumber())) {
                    errors.add(CapillaryMessage.of(CapillaryCode.INVALID_ENROLMENT, "loyalty program "
                            + programme.id() + " has no tier " + enrolment.tierNumber(),
                            entry.path() + ".tierNumber"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new CapillaryFailure(HttpStatus.BAD_REQUEST, errors);
        }
    }

    /**
     * Everything but the identifiers. For a new customer all of it; when joining existing customers only what none of
     * them has yet ({@code enrolments} receives the enrolments actually sent, for error locations).
     */
    private static CustomerChanges changes(CapillaryRegistration registration, java.util.Collection<Customer> holders,
                                           List<CapillaryRegistration.EnrolmentEntry> enrolments) {
        Map<ProfileField, Object> profile = new EnumMap<>(ProfileField.class);
        registration.profile().forEach((field, value) -> {
            if (holders.stream().allMatch(h -> h.profile().get(field) == null)) {
                profile.put(field, value);
            }
        });
        Map<String, String> attributes = new LinkedHashMap<>();
        registration.attributes().forEach((key, value) -> {
            if (holders.stream().noneMatch(h -> h.details().attributes().containsKey(key))) {
                attributes.put(key, value);
            }
        });
        Map<String, Object> extended = new LinkedHashMap<>();
        registration.extendedFields().forEach((key, value) -> {
            if (holders.stream().noneMatch(h -> h.details().extendedFields().containsKey(key))) {
                extended.put(key, value);
            }
        });
        for (CapillaryRegistration.EnrolmentEntry entry : registration.enrolments()) {
            int programme = entry.enrolment().programmeId();
            if (holders.stream().noneMatch(h -> h.details().loyalty().enrolments().stream()
                    .anyMatch(e -> e.programmeId() == programme))) {
                enrolments.add(entry);
            }
        }
        Loyalty loyalty = enrolments.isEmpty() ? null : new Loyalty(null, null, null, null, null,
                enrolments.stream().map(CapillaryRegistration.EnrolmentEntry::enrolment).toList());
        DetailsPatch details = new DetailsPatch(null, null, new MapEdit<>(attributes, Set.of()),
                new MapEdit<>(extended, Set.of()), null, null, loyalty, false, null);
        // a subscription is recorded only where no holder has a state for its channel yet, as the channel flags are
        // (a WEBSITE sign-up must not undo an in-store opt-in, nor flags and ledger disagree)
        List<ConsentInput> consents = registration.consents().stream()
                .filter(consent -> holders.stream().allMatch(h -> h.consents().current(consent.channel()).isEmpty()))
                .toList();
        return new CustomerChanges(new ProfilePatch(profile, Set.of()), details, consents,
                registration.pushSubscriptions(), false);
    }

    /** A violation reported by the registry, located in the Capillary request. */
    private static CapillaryMessage translate(Violation violation, CapillaryRegistration registration,
                                              List<CapillaryRegistration.EnrolmentEntry> enrolments) {
        String[] parts = violation.pointer().split("/", -1);
        String first = parts.length > 1 ? parts[1] : "";
        String message = violation.message();
        switch (first) {
            case "identifiers" -> {
                if (parts.length < 3) {
                    return CapillaryMessage.of(CapillaryCode.NO_IDENTIFIER, message, "profiles[0].identifiers");
                }
                CapillaryRegistration.IdentifierEntry entry = registration.identifiers()
                        .get(Integer.parseInt(parts[2]));
                String field = parts.length > 3 ? parts[3] : "value";
                return switch (field) {
                    case "source" -> CapillaryMessage.of(CapillaryCode.INVALID_SOURCE, message,
                            entry.profilePath() + ".source");
                    case "accountId" -> CapillaryMessage.of(CapillaryCode.INVALID_ACCOUNT_ID, message,
                            entry.profilePath() + ".accountId");
                    default -> CapillaryMessage.of(CapillaryCode.INVALID_IDENTIFIER, "Invalid identifier: " + message,
                            entry.path() + ".value");
                };
            }
            case "extendedFields" -> {
                String name = parts.length > 2 ? unescape(parts[2]) : "";
                return CapillaryMessage.of(CapillaryCode.INVALID_EXTENDED_FIELD, "Invalid extended field: " + message,
                        "extendedFields." + name);
            }
            case "loyalty" -> {
                if (parts.length > 3 && parts[2].equals("enrolments")) {
                    String path = enrolments.get(Integer.parseInt(parts[3])).path();
                    String field = parts.length > 4 && parts[4].equals("tierNumber") ? ".tierNumber" : ".programId";
                    return CapillaryMessage.of(CapillaryCode.INVALID_ENROLMENT, message, path + field);
                }
                return CapillaryMessage.of(CapillaryCode.INVALID_ENROLMENT, message, "loyaltyProgramEnrollments");
            }
            case "attributes" -> {
                return CapillaryMessage.of(CapillaryCode.INVALID_FIELD, message,
                        "fields." + (parts.length > 2 ? unescape(parts[2]) : ""));
            }
            default -> {
                return CapillaryMessage.of(CapillaryCode.INVALID_FIELD, message, null);
            }
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
