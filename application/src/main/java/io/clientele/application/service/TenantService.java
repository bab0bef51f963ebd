package io.clientele.application.service;

import io.clientele.application.port.in.ApiPrincipal;
import io.clientele.application.port.in.AuthenticateApiKeyUseCase;
import io.clientele.application.port.in.CreateTenantCommand;
import io.clientele.application.port.in.IssuedApiKey;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.port.out.TenantStore;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.ApiKey;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Tenants and API keys.
 *
 * <p>A key reads {@code <tenantId>.<43 random characters>}: the tenant part lets the key be found by
 * (tenant, hash), keeping tenant_id first in every key of the schema. 256 random bits make a plain SHA-256 of the
 * key a safe thing to store (no salt or slow hash needed: there is nothing to guess).
 */
@Singleton
public class TenantService implements ManageTenantsUseCase, AuthenticateApiKeyUseCase {

    private static final int MAX_CACHED_KEYS = 10_000;
    private static final long KEY_CACHE_MILLIS = 60_000;

    private final TenantStore store;
    private final TenantDirectory directory;
    private final Transactions transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Authenticated keys for a minute, so a request costs no query for its key (keys can't be revoked yet). */
    private final Map<String, CachedPrincipal> keyCache = new ConcurrentHashMap<>();

    public TenantService(TenantStore store, TenantDirectory directory, Transactions transactions, IdGenerator ids,
                         Clock clock) {
        this.store = store;
        this.directory = directory;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Tenant createTenant(CreateTenantCommand command) {
        Tenant tenant = validate(command);
        boolean inserted = transactions.inTransaction(() -> store.insertIfAbsent(tenant));
        if (!inserted) {
            throw new ConflictException("tenant-exists", "tenant " + tenant.id() + " exists already");
        }
        return tenant;
    }

    @Override
    public Tenant getTenant(TenantId id) {
        return directory.require(id);
    }

    @Override
    public Tenant setPlaceholderValues(TenantId id, java.util.Set<String> values) {
        Tenant updated;
        try {
            updated = directory.require(id).withPlaceholderValues(values);
        } catch (InvalidValueException e) {
            throw new ValidationException(List.of(Violation.of("/values", e)));
        }
        transactions.inTransaction(() -> {
            store.savePlaceholderValues(id, updated.placeholderValues());
            return null;
        });
        directory.forget(id);
        return updated;
    }

    @Override
    public IssuedApiKey issueApiKey(TenantId tenantId, AccessRole role) {
        directory.require(tenantId);
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = tenantId.value() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        ApiKey key = new ApiKey(tenantId, ids.newId(), hash(secret), role, clock.now());
        transactions.inTransaction(() -> {
            store.insertKey(key);
            return null;
        });
        return new IssuedApiKey(tenantId, key.keyId(), role, secret);
    }

    @Override
    public Optional<IssuedApiKey> createDemoTenantIfEmpty(String defaultRegion) {
        if (transactions.readOnly(store::anyTenantExists)) {
            return Optional.empty();
        }
        Tenant demo = validate(new CreateTenantCommand("demo", "Demo", defaultRegion, "UTC", "MERGE"));
        if (!transactions.inTransaction(() -> store.insertIfAbsent(demo))) {
            return Optional.empty();
        }
        return Optional.of(issueApiKey(demo.id(), AccessRole.ADMIN));
    }

    @Override
    public Optional<ApiPrincipal> authenticateFromMemory(String presentedKey) {
        if (presentedKey == null || presentedKey.length() > 200) {
            return Optional.empty();
        }
        return cached(hash(presentedKey), clock.now().toEpochMilli());
    }

    private Optional<ApiPrincipal> cached(String hash, long nowMillis) {
        CachedPrincipal cached = keyCache.get(hash);
        return cached != null && cached.expiresAtMillis() > nowMillis ? Optional.of(cached.principal())
                : Optional.empty();
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.length() > 200) {
            return Optional.empty();
        }
        int dot = presentedKey.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        TenantId tenantId;
        try {
            tenantId = TenantId.of(presentedKey.substring(0, dot));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
        String hash = hash(presentedKey);
        long nowMillis = clock.now().toEpochMilli();
        Optional<ApiPrincipal> known = cached(hash, nowMillis);
        if (known.isPresent()) {
            return known;
        }
        Optional<ApiPrincipal> principal = transactions.readOnly(() -> store.findKey(tenantId, hash))
                .map(key -> new ApiPrincipal(key.tenantId(), key.keyId(), key.role()));
        principal.ifPresent(p -> {
            if (keyCache.size() >= MAX_CACHED_KEYS) {
                keyCache.clear();
            }
            keyCache.put(hash, new CachedPrincipal(p, nowMillis + KEY_CACHE_MILLIS));
        });
        return principal;
    }

    private Tenant validate(CreateTenantCommand command) {
        List<Violation> violations = new ArrayList<>();
        TenantId id = field(violations, "/id", () -> TenantId.of(command.id()));
        if (id != null && id.equals(io.clientele.application.port.in.IdempotencyUseCase.OPERATOR_SCOPE)) {
            // the operator's own idempotency keys are kept under this name
            violations.add(new Violation("/id", "reserved-tenant-id", "tenant id 'operator' is reserved"));
        }
        String region = field(violations, "/defaultRegion", () -> Tenant.region(command.defaultRegion()));
        ZoneId zone = command.timeZone() == null ? ZoneId.of("UTC")
                : field(violations, "/timeZone", () -> Tenant.timeZone(command.timeZone()));
        MergePolicy policy = command.mergePolicy() == null ? MergePolicy.MERGE
                : field(violations, "/mergePolicy", () -> mergePolicy(command.mergePolicy()));
        // the name defaults to the id; when the id itself is bad, that is the one error to report
        String name = command.name() == null ? command.id() : command.name();
        if (command.name() != null && (name.isBlank() || name.length() > 200)) {
            violations.add(new Violation("/name", "invalid-tenant-name", "name must be 1 to 200 characters"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new Tenant(id, name.trim(), region, zone, policy, clock.now());
    }

    private static MergePolicy mergePolicy(String raw) {
        try {
            return MergePolicy.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("invalid-merge-policy", "mergePolicy must be MERGE or REJECT");
        }
    }

    private static <T> T field(List<Violation> violations, String pointer, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidValueException e) {
            violations.add(Violation.of(pointer, e));
            return null;
        }
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record CachedPrincipal(ApiPrincipal principal, long expiresAtMillis) {
    }
}
