package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.ManageCatalogUseCase;
import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.ValidationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Map;

/** The tenant's declarations: extended fields and loyalty programmes (admin to change, read to list). */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CatalogController {

    private final ManageCatalogUseCase catalog;

    CatalogController(ManageCatalogUseCase catalog) {
        this.catalog = catalog;
    }

    @Serdeable
    record ExtendedFieldRequest(@NotBlank String type, @Nullable List<String> allowedValues) {
    }

    @Serdeable
    record ExtendedFieldDocument(String name, String type, List<String> allowedValues) {

        static ExtendedFieldDocument of(ExtendedFieldDefinition definition) {
            return new ExtendedFieldDocument(definition.name(), definition.type().label(),
                    definition.allowedValues());
        }
    }

    @Serdeable
    record TierDocument(@NotNull Integer number, @NotBlank String name) {
    }

    @Serdeable
    record ProgrammeRequest(@NotBlank String name, @Nullable List<@Valid TierDocument> tiers) {
    }

    @Serdeable
    record ProgrammeDocument(int id, String name, List<TierDocument> tiers) {

        static ProgrammeDocument of(LoyaltyProgramme programme) {
            return new ProgrammeDocument(programme.id(), programme.name(), programme.tiers().stream()
                    .map(t -> new TierDocument(t.number(), t.name())).toList());
        }
    }

    /** Declares (or re-declares) an extended field; customer values are validated against it. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "enum field", value = ApiExamples.EXTENDED_FIELD)))
    @Put("/extended-fields/{name}")
    @Secured(Roles.ADMIN)
    ExtendedFieldDocument declareField(@PathVariable String name, @Body @Valid ExtendedFieldRequest request,
                                       Authentication caller) {
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
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "programme", value = ApiExamples.PROGRAMME)))
    @Put("/loyalty-programmes/{id}")
    @Secured(Roles.ADMIN)
    ProgrammeDocument declareProgramme(@PathVariable String id, @Body @Valid ProgrammeRequest request,
                                       Authentication caller) {
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
