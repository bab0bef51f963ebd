package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.adapter.in.rest.dialect.custobar.CustobarRecord.FieldError;
import io.clientele.application.port.in.BatchResult;
import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.ErasureReceipt;
import io.clientele.application.port.in.IdentifierReplacement;
import io.clientele.application.port.in.ManageLifecycleUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.WriteContendedException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.Tenant;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the records of one upload so that one bad record never loses or blocks the others, and a retried upload
 * finds the customers it created the first time (upsert by identifiers) instead of duplicating them. Runs of plain
 * records (no delete or forget) go to {@link UpsertCustomerUseCase#upsertEach}, which writes them
 * together in chunks with the outcome each would have had alone; every other record runs alone, in upload order
 * between those runs.
 */
@Singleton
class CustobarImporter {

    static final String SOURCE = "CUSTOBAR";
    private static final Logger LOG = LoggerFactory.getLogger(CustobarImporter.class);
    private static final String IDENTIFIER_RESERVED = "identifier-reserved";

    private final UpsertCustomerUseCase upserts;
    private final BeanProvider<ManageLifecycleUseCase> lifecycle;

    CustobarImporter(UpsertCustomerUseCase upserts, BeanProvider<ManageLifecycleUseCase> lifecycle) {
        this.upserts = upserts;
        this.lifecycle = lifecycle;
    }

    /** Who uploads: the tenant, the key (for the history) and whether it may delete and forget. */
    record Uploader(Tenant tenant, String key, boolean admin) {
    }

    /**
     * An upload's results, one per record in upload order. {@code retryable}: some record failed for a reason of the
     * moment (it lost every retry of a race, or the database failed), not for what it holds, so the same upload
     * sent again may succeed and must not be answered from its Idempotency-Key.
     */
    record Imported(List<Map<String, Object>> results, boolean retryable) {
    }

    /** The results of all records of an upload, in upload order. */
    Imported importAll(List<CustobarRecord> records, Uploader uploader) {
        Results results = new Results(records.size());
        List<Integer> plain = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            results.add(null);
            if (isPlain(records.get(i))) {
                plain.add(i);
                continue;
            }
            if (records.get(i).isRejected()) {
                // writes nothing, so it needn't wait for the records before it
                results.set(i, importRecord(i, records.get(i), uploader, results));
                continue;
            }
            importTogether(plain, records, uploader, results);
            results.set(i, importRecord(i, records.get(i), uploader, results));
        }
        importTogether(plain, records, uploader, results);
        return new Imported(results, results.retryable);
    }

    /** Results being filled in, and whether one of them failed for a reason of the moment. */
    private static final class Results extends ArrayList<Map<String, Object>> {

        private boolean retryable;

        Results(int size) {
            super(size);
        }
    }

    private static boolean isPlain(CustobarRecord record) {
        return !record.isRejected() && record.forgotten() == null && record.deleted() == null;
    }

    private void importTogether(List<Integer> indexes, List<CustobarRecord> records, Uploader uploader,
                                Results results) {
        if (indexes.isEmpty()) {
            return;
        }
        List<UpsertCustomerCommand> commands = indexes.stream().map(i -> command(records.get(i), uploader)).toList();
        List<BatchResult> done;
        try {
            done = upserts.upsertEach(commands);
        } catch (RuntimeException e) {
            // a chunk failed as a whole (not a rule one record broke): every record once more on its own
            LOG.warn("Custobar upload: writing {} records together failed ({}); writing them one by one",
                    indexes.size(), e.getClass().getName());
            indexes.forEach(i -> results.set(i, importRecord(i, records.get(i), uploader, results)));
            indexes.clear();
            return;
        }
        for (BatchResult outcome : done) {
            int index = indexes.get(outcome.index());
            CustobarRecord record = records.get(index);
            Map<String, Object> result = resultOf(index, record);
            if (outcome.rejected()) {
                results.retryable |= outcome.rejection() instanceof WriteContendedException;
                results.set(index, rejected(result, outcome.rejection(), record));
                continue;
            }
            upserted(result, outcome.result(), outcome.result().customer().id());
            result.put("errors", List.of());
            results.set(index, result);
        }
        indexes.clear();
    }

    private static UpsertCustomerCommand command(CustobarRecord record, Uploader uploader) {
        CustomerChanges changes = new CustomerChanges(record.profile(), record.details(),
                consentEvents(record), List.of(), false);
        return new UpsertCustomerCommand(uploader.tenant().id(), record.identifiers(), changes, "/identifiers", SOURCE,
                uploader.key(), false, replacement(record));
    }

    /**
     * A Custobar customer has one email and one phone number: a record that sends a new one replaces the one held
     * ("only keys that are supplied in the later imports are updated"), and "" removes it. Both happen in the
     * upsert's transaction. External ids identify the customer: a new one is added beside the held ones.
     */
    private static IdentifierReplacement replacement(CustobarRecord record) {
        Set<IdentifierType> cleared = Set.copyOf(record.removedIdentifiers().values());
        Set<IdentifierType> replaced = EnumSet.of(IdentifierType.EMAIL, IdentifierType.PHONE);
        replaced.removeAll(cleared);
        return new IdentifierReplacement(replaced, cleared);
    }

    /** Custobar's per-record result, with our id and merge information beside it. */
    private Map<String, Object> importRecord(int index, CustobarRecord record, Uploader uploader, Results results) {
        Map<String, Object> result = resultOf(index, record);
        if (record.isRejected()) {
            return rejected(result, record.errors());
        }
        boolean forget = Boolean.TRUE.equals(record.forgotten());
        boolean delete = Boolean.TRUE.equals(record.deleted());
        if ((forget || delete) && !uploader.admin()) {
            return rejected(result, List.of(new FieldError(forget ? CustobarFields.IS_FORGOTTEN
                    : CustobarFields.IS_DELETED, "deleting or forgetting a customer needs an admin key")));
        }
        try {
            return forget ? forget(result, record, uploader) : upsert(result, record, uploader, delete);
        } catch (DomainException e) {
            results.retryable |= e instanceof WriteContendedException;
            return rejected(result, e, record);
        } catch (RuntimeException e) {
            // one record's failure must not cost the others their results; no values in the log
            results.retryable = true;
            LOG.warn("Custobar upload record {} failed: {}", index, e.getClass().getName());
            return rejected(result, List.of(new FieldError("", "the customer could not be stored; retry the upload")));
        }
    }

    private Map<String, Object> upsert(Map<String, Object> result, CustobarRecord record, Uploader uploader,
                                       boolean delete) {
        UpsertResult upserted;
        try {
            upserted = upserts.upsert(command(record, uploader));
        } catch (DomainException e) {
            if (delete && IDENTIFIER_RESERVED.equals(e.code())) {
                // deleted already: deleting again is what was asked, so a retried upload reads the same
                result.put("outcome", "updated");
                result.put("deleted", true);
                // every result carries its errors; the id of a deleted customer is no longer shown anywhere
                result.put("errors", List.of());
                return result;
            }
            throw e;
        }
        Customer customer = upserted.customer();
        upserted(result, upserted, customer.id());
        if (delete) {
            lifecycle.get().delete(uploader.tenant().id(), customer.id(), null, uploader.key(), SOURCE);
            result.put("deleted", true);
        }
        result.put("errors", List.of());
        return result;
    }

    /**
     * Forgets every customer holding one of the record's identifiers, deleted ones too. Nobody holding them means
     * nothing is held about the person: the record succeeds without an id, so a retried upload reads the same.
     */
    private Map<String, Object> forget(Map<String, Object> result, CustobarRecord record, Uploader uploader) {
        List<ErasureReceipt> receipts = lifecycle.get().forgetHoldersOf(uploader.tenant().id(), record.identifiers(),
                uploader.key(), SOURCE);
        result.put("outcome", "updated");
        if (!receipts.isEmpty()) {
            result.put("id", receipts.get(0).customerId());
        }
        result.put("forgotten", true);
        result.put("errors", List.of());
        return result;
    }

    /**
     * A can_* value sent is recorded only when it differs from the customer's current state (decided inside the
     * upsert's transaction, on the customer it resolves to), so re-sending the same upload adds no consent events.
     * can_* not sent records nothing: a customer without an entry for a channel reads as false, Custobar's default.
     */
    private static List<ConsentInput> consentEvents(CustobarRecord record) {
        List<ConsentInput> events = new ArrayList<>();
        record.permissions().forEach((channel, granted) -> events.add(new ConsentInput(channel,
                granted ? ConsentStatus.GRANTED : ConsentStatus.WITHDRAWN, null, null, null, null,
                ConsentInput.Recording.IF_CHANGED)));
        return events;
    }

    /** The start of every record's result: its index and, when sent, its external id. */
    private static Map<String, Object> resultOf(int index, CustobarRecord record) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("index", index);
        if (record.externalId() != null) {
            result.put("external_id", record.externalId());
        }
        return result;
    }

    /** What an upsert did, in Custobar's words, with our id and merge information. */
    private static void upserted(Map<String, Object> result, UpsertResult upserted, CustomerId id) {
        result.put("outcome", upserted.outcome() == UpsertResult.Outcome.CREATED ? "created" : "updated");
        result.put("id", id.value());
        if (!upserted.mergedFrom().isEmpty()) {
            result.put("merged_from", upserted.mergedFrom().stream().map(CustomerId::value).toList());
        }
    }

    /** A broken rule as the Custobar fields it is about: one error per violation of a validation. */
    private static Map<String, Object> rejected(Map<String, Object> result, DomainException e, CustobarRecord record) {
        return e instanceof ValidationException invalid
                ? rejected(result, invalid.violations().stream().map(v -> error(v, record)).toList())
                : rejected(result, List.of(error(e, record)));
    }

    private static Map<String, Object> rejected(Map<String, Object> result, List<FieldError> errors) {
        result.put("outcome", "rejected");
        result.put("errors", errors.stream().map(e -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", e.field());
            error.put("message", e.message());
            return error;
        }).toList());
        return result;
    }

    /** A violation's native JSON Pointer mapped back to the Custobar field the client sent. */
    private static FieldError error(Violation violation, CustobarRecord record) {
        String pointer = violation.pointer();
        if (pointer.startsWith("/identifiers/")) {
            String[] parts = pointer.split("/");
            try {
                int index = Integer.parseInt(parts[2]);
                if (index < record.identifierFields().size()) {
                    return new FieldError(record.identifierFields().get(index),
                            message(violation.message(), record.identifierFields().get(index)));
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException ignored) {
                // not an identifier pointer we made; fall through
            }
        }
        if (pointer.equals("/identifiers")) {
            return new FieldError(record.identifyingField(), violation.message());
        }
        return new FieldError(nativeToCustobar(pointer), violation.message());
    }

    private static String message(String message, String field) {
        return message.startsWith("identifier value") ? field + message.substring("identifier value".length())
                : message;
    }

    /** Pointers the application makes outside identifiers ("/tags", "/canonicalId", ...). */
    private static String nativeToCustobar(String pointer) {
        return switch (pointer) {
            case "/tags" -> CustobarFields.TAGS;
            case "/mailingLists" -> CustobarFields.MAILING_LISTS;
            case "/canonicalId" -> CustobarFields.CANONICAL_ID;
            default -> pointer.startsWith("/") ? pointer.substring(1) : pointer;
        };
    }

    /** A rule broken by the record as a whole: name the field the rule is about. */
    private static FieldError error(DomainException e, CustobarRecord record) {
        String code = e.code();
        String field;
        String message = e.getMessage();
        if (IDENTIFIER_RESERVED.equals(code)) {
            // is_deleted sent (false): the record tries to restore; otherwise its identifiers name the deleted one
            boolean restoring = record.deleted() != null;
            field = restoring ? CustobarFields.IS_DELETED : record.identifyingField();
            message = "the customer with this " + (restoring ? "identifier" : field)
                    + " was deleted; a deleted customer can't be changed or restored";
        } else if (e instanceof IdentifierConflictException) {
            field = record.identifyingField();
            message = "the identifiers of this customer belong to different customers: " + message;
        } else if (code.contains("member")) {
            field = message.contains("mailingLists") ? CustobarFields.MAILING_LISTS : CustobarFields.TAGS;
        } else if (code.contains("attribute")) {
            field = record.companyFields().isEmpty() ? "" : record.companyFields().get(0);
        } else if (code.contains("canonical")) {
            field = CustobarFields.CANONICAL_ID;
        } else {
            field = record.identifyingField();
        }
        return new FieldError(field, message);
    }
}
