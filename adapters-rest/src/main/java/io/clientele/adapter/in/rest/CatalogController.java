package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.ManageCatalogUseCase;
import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.ValidationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tenant's declarations: extended fields and loyalty programmes (admin to change, read to list). */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CatalogController {

    private final ManageCatalogUseCase catalog;
    private final CustomerDocuments documents;

    CatalogController(ManageCatalogUseCase catalog, CustomerDocuments documents) {
        this.catalog = catalog;
        this.documents = documents;
    }

    /** An extended field's type, and for an enum its allowed values. */
    @Serdeable
    record ExtendedFieldRequest(String type, @Nullable List<String> allowedValues) {
    }

    @Serdeable
    record ExtendedFieldDocument(String name, String type, List<String> allowedValues) {

        static ExtendedFieldDocument of(ExtendedFieldDefinition definition) {
            return new ExtendedFieldDocument(definition.name(), definition.type().label(),
                    definition.allowedValues());
        }
    }

    @Serdeable
    record TierDocument(Integer number, String name) {
    }

    /** A loyalty programme's name and tiers. */
    @Serdeable
    record ProgrammeRequest(String name, @Nullable List<TierDocument> tiers) {
    }

    @Serdeable
    record ProgrammeDocument(int id, String name, List<TierDocument> tiers) {

        static ProgrammeDocument of(LoyaltyProgramme programme) {
            return new ProgrammeDocument(programme.id(), programme.name(), programme.tiers().stream()
                    .map(t -> new TierDocument(t.number(), t.name())).toList());
        }
    }

    /** Declares (or re-declares) an extended field; customer values are validated against it. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "enum field", value = ApiExamples.EXTENDED_FIELD), schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ExtendedFieldRequest.class)))
    @Put("/extended-fields/{name}")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    ExtendedFieldDocument declareField(@PathVariable String name, @Body String json, Authentication caller) {
        StrictBody body = StrictBody.of(documents.parse(json), Set.of("type", "allowedValues"));
        ExtendedFieldRequest request = new ExtendedFieldRequest(body.requiredText("type"), body.texts("allowedValues"));
        body.check();
        ExtendedFieldDefinition definition;
        try {
            definition = new ExtendedFieldDefinition(name, ExtendedFieldDefinition.Type.parse(request.type()),
                    request.allowedValues());
        } catch (InvalidValueException e) {
            String pointer = e.code().equals("invalid-field-name") ? "/name"
                    : e.code().equals("invalid-field-type") ? "/type" : "/allowedValues";
            throw ValidationException.of(pointer, e.code(), e.getMessage());
        }
        return ExtendedFieldDocument.of(catalog.declareExtendedField(Callers.tenant(caller), definition));
    }

    @Get("/extended-fields")
    @Secured(Roles.READ)
    Map<String, Object> fields(Authentication caller) {
        return Map.of("items", catalog.extendedFields(Callers.tenant(caller)).stream()
                .map(ExtendedFieldDocument::of).toList());
    }

    /** Declares (or replaces) loyalty programme {@code id} (Capillary programId) with its tiers. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "programme", value = ApiExamples.PROGRAMME), schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ProgrammeRequest.class)))
    @Put("/loyalty-programmes/{id}")
    @Secured(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    ProgrammeDocument declareProgramme(@PathVariable String id, @Body String json, Authentication caller) {
        StrictBody body = StrictBody.of(documents.parse(json), Set.of("name", "tiers"));
        String programmeName = body.requiredText("name");
        List<StrictBody> tierBodies = body.objects("tiers", Set.of("number", "name"));
        List<TierDocument> tiers = tierBodies == null ? null : tierBodies.stream()
                .map(tier -> new TierDocument(tier.requiredInteger("number"), tier.requiredText("name"))).toList();
        body.check();
        ProgrammeRequest request = new ProgrammeRequest(programmeName, tiers);
        int programmeId;
        try {
            programmeId = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw ValidationException.of("/id", "invalid-programme", "programme id must be a positive integer");
        }
        LoyaltyProgramme programme;
        try {
            programme = new LoyaltyProgramme(programmeId, request.name(), request.tiers() == null ? List.of()
                    : request.tiers().stream().map(t -> new LoyaltyProgramme.Tier(t.number(), t.name())).toList());
        } catch (InvalidValueException e) {
            // the programme checks its id before its name: with a good id, the name broke the rule
            String pointer = e.code().equals("invalid-tier") ? "/tiers" : programmeId > 0 ? "/name" : "/id";
            throw ValidationException.of(pointer, e.code(), e.getMessage());
        }
        return ProgrammeDocument.of(catalog.declareProgramme(Callers.tenant(caller), programme));
    }

    @Get("/loyalty-programmes")
    @Secured(Roles.READ)
    Map<String, Object> programmes(Authentication caller) {
        return Map.of("items", catalog.programmes(Callers.tenant(caller)).stream().map(ProgrammeDocument::of)
                .toList());
    }
}
