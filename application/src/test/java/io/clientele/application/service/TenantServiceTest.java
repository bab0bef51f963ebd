package io.clientele.application.service;

import io.clientele.application.fake.FixedClock;
import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.fake.SequentialIds;
import io.clientele.application.port.in.ApiPrincipal;
import io.clientele.application.port.in.CreateTenantCommand;
import io.clientele.application.port.in.IssuedApiKey;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.ApiKey;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

class TenantServiceTest {

    private static final TenantId ACME = TenantId.of("acme");

    private final InMemoryTenantStore store = new InMemoryTenantStore();
    private final ImmediateTransactions transactions = new ImmediateTransactions();
    private final FixedClock clock = new FixedClock();
    private TenantService service;

    @BeforeEach
    void setUp() {
        service = new TenantService(store, new TenantDirectory(store, transactions), transactions,
                new SequentialIds("key"), clock);
    }

    @Test
    void createTenantNormalisesAndStores() {
        Tenant tenant = service.createTenant(new CreateTenantCommand("acme", " Acme Ltd ", "ru", "Europe/Moscow",
                "reject"));

        assertThat(tenant.id()).isEqualTo(ACME);
        assertThat(tenant.name()).isEqualTo("Acme Ltd");
        assertThat(tenant.defaultRegion()).isEqualTo("RU");
        assertThat(tenant.timeZone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(tenant.mergePolicy()).isEqualTo(MergePolicy.REJECT);
        assertThat(tenant.createdAt()).isEqualTo(clock.now());
        assertThat(store.tenants()).containsExactly(tenant);
        assertThat(service.getTenant(ACME)).isEqualTo(tenant);
    }

    @Test
    void createTenantDefaults() {
        Tenant tenant = service.createTenant(new CreateTenantCommand("acme", null, "FI", null, null));

        assertThat(tenant.name()).isEqualTo("acme");
        assertThat(tenant.timeZone()).isEqualTo(java.time.ZoneId.of("UTC"));
        assertThat(tenant.mergePolicy()).isEqualTo(MergePolicy.MERGE);
    }

    @Test
    void createTenantListsEveryInvalidField() {
        ValidationException e = catchThrowableOfType(() -> service.createTenant(
                new CreateTenantCommand("Acme Ltd!", "Acme", "XX", "Mars/Olympus", "sometimes")),
                ValidationException.class);

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(Violation::pointer, Violation::code).containsExactlyInAnyOrder(
                tuple("/id", "invalid-tenant-id"),
                tuple("/defaultRegion", "invalid-region"),
                tuple("/timeZone", "invalid-time-zone"),
                tuple("/mergePolicy", "invalid-merge-policy"));
        assertThat(store.tenants()).isEmpty();
    }

    @Test
    void aBadIdWithoutANameIsReportedOnceAtTheId() {
        ValidationException e = catchThrowableOfType(() -> service.createTenant(
                new CreateTenantCommand("Bad!", null, "RU", null, null)), ValidationException.class);

        assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/id");
    }

    @Test
    void createTenantRefusesABlankName() {
        ValidationException e = catchThrowableOfType(() -> service.createTenant(
                new CreateTenantCommand("acme", "  ", "RU", null, null)), ValidationException.class);

        assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/name");
    }

    @Test
    void aTakenIdIsAConflict() {
        service.createTenant(new CreateTenantCommand("acme", "Acme", "RU", null, null));

        ConflictException e = catchThrowableOfType(() -> service.createTenant(
                new CreateTenantCommand("acme", "Another Acme", "FI", null, null)), ConflictException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("tenant-exists");
        assertThat(store.tenants()).singleElement().extracting(Tenant::name).isEqualTo("Acme");
    }

    @Test
    void getTenantOfAnUnknownIdIsNotFound() {
        assertThat(catchThrowableOfType(() -> service.getTenant(ACME), NotFoundException.class).code())
                .isEqualTo("tenant-not-found");
    }

    @Test
    void anIssuedKeyAuthenticatesAsItsTenantAndRole() {
        service.createTenant(new CreateTenantCommand("acme", "Acme", "RU", null, null));

        IssuedApiKey issued = service.issueApiKey(ACME, AccessRole.WRITE);

        assertThat(issued.tenantId()).isEqualTo(ACME);
        assertThat(issued.role()).isEqualTo(AccessRole.WRITE);
        assertThat(issued.secret()).startsWith("acme.").matches("acme\\.[A-Za-z0-9_-]{43}");
        assertThat(issued.toString()).doesNotContain(issued.secret().substring(5));
        assertThat(service.authenticate(issued.secret()))
                .contains(new ApiPrincipal(ACME, issued.keyId(), AccessRole.WRITE));
    }

    @Test
    void aKeyIsKnownFromMemoryOnlyOnceTheStoreHasConfirmedIt() {
        service.createTenant(new CreateTenantCommand("acme", "Acme", "RU", null, null));
        IssuedApiKey issued = service.issueApiKey(ACME, AccessRole.READ);

        assertThat(service.authenticateFromMemory(issued.secret())).isEmpty();
        assertThat(service.authenticate(issued.secret())).isPresent();
        assertThat(service.authenticateFromMemory(issued.secret()))
                .contains(new ApiPrincipal(ACME, issued.keyId(), AccessRole.READ));
        assertThat(service.authenticateFromMemory(issued.secret() + "x")).isEmpty();
        assertThat(service.authenticateFromMemory(null)).isEmpty();
    }

    @Test
    void onlyAHashOfTheSecretIsStored() throws Exception {
        service.createTenant(new CreateTenantCommand("acme", "Acme", "RU", null, null));

        IssuedApiKey issued = service.issueApiKey(ACME, AccessRole.ADMIN);

        ApiKey stored = store.keys().get(0);
        String randomPart = issued.secret().substring("acme.".length());
        assertThat(stored.keyId()).isEqualTo(issued.keyId());
        assertThat(stored.role()).isEqualTo(AccessRole.ADMIN);
        assertThat(stored.createdAt()).isEqualTo(clock.now());
        assertThat(stored.secretHash()).isEqualTo(sha256Hex(issued.secret()));
        for (String field : new String[] {stored.toString(), stored.keyId(), stored.secretHash()}) {
            assertThat(field).doesNotContain(issued.secret()).doesNotContain(randomPart);
        }
    }

    @Test
    void keysAreDifferentEachTime() {
        service.createTenant(new CreateTenantCommand("acme", "Acme", "RU", null, null));
        Set<String> secrets = new HashSet<>();
        Set<String> keyIds = new HashSet<>();

        for (int i = 0; i < 20; i++) {
            IssuedApiKey issued = service.issueApiKey(ACME, AccessRole.READ);
            secrets.add(issued.secret());
            keyIds.add(issued.keyId());
        }

        assertThat(secrets).hasSize(20);
        assertThat(keyIds).hasSize(20);
    }

    @Test
    void aTamperedOrForeignKeyDoesNotAuthenticate() {
        service.createTenant(new CreateTenantCommand("acme", "Acme", "RU", null, null));
        service.createTenant(new CreateTenantCommand("globex", "Globex", "RU", null, null));
        String secret = service.issueApiKey(ACME, AccessRole.ADMIN).secret();
        String randomPart = secret.substring("acme.".length());
        char last = secret.charAt(secret.length() - 1);
        String tampered = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(service.authenticate(tampered)).isEmpty();
        assertThat(service.authenticate("globex." + randomPart)).isEmpty();
        assertThat(service.authenticate("nobody." + randomPart)).isEmpty();
        assertThat(service.authenticate(randomPart)).isEmpty();
        assertThat(service.authenticate("." + randomPart)).isEmpty();
        assertThat(service.authenticate("ACME." + randomPart)).isEmpty();
        assertThat(service.authenticate(secret + "x")).isEmpty();
        assertThat(service.authenticate("")).isEmpty();
        assertThat(service.authenticate(null)).isEmpty();
        assertThat(service.authenticate("acme." + "x".repeat(300))).isEmpty();
        // the real key still works after all of that
        assertThat(service.authenticate(secret)).map(ApiPrincipal::tenantId).contains(ACME);
    }

    @Test
    void issuingAKeyForAnUnknownTenantIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.issueApiKey(ACME, AccessRole.READ),
                NotFoundException.class);

        assertThat(e.code()).isEqualTo("tenant-not-found");
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void theDemoTenantIsCreatedOnceOnAnEmptyRegistry() {
        Optional<IssuedApiKey> first = service.createDemoTenantIfEmpty("FI");

        assertThat(first).isPresent();
        assertThat(first.get().tenantId()).isEqualTo(TenantId.of("demo"));
        assertThat(first.get().role()).isEqualTo(AccessRole.ADMIN);
        assertThat(store.tenants()).singleElement().satisfies(demo -> {
            assertThat(demo.id()).isEqualTo(TenantId.of("demo"));
            assertThat(demo.defaultRegion()).isEqualTo("FI");
            assertThat(demo.mergePolicy()).isEqualTo(MergePolicy.MERGE);
        });
        assertThat(service.authenticate(first.get().secret()))
                .contains(new ApiPrincipal(TenantId.of("demo"), first.get().keyId(), AccessRole.ADMIN));

        assertThat(service.createDemoTenantIfEmpty("FI")).isEmpty();
        assertThat(store.tenants()).hasSize(1);
        assertThat(store.keys()).hasSize(1);
    }

    @Test
    void noDemoTenantWhenTenantsExist() {
        service.createTenant(new CreateTenantCommand("acme", "Acme", "RU", null, null));

        assertThat(service.createDemoTenantIfEmpty("RU")).isEmpty();
        assertThat(store.tenants()).extracting(Tenant::id).containsExactly(ACME);
        assertThat(store.keys()).isEmpty();
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
