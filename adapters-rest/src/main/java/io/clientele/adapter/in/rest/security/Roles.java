package io.clientele.adapter.in.rest.security;

/** Role names used in {@code @Secured}. A key's role includes the lower ones (admin ⊃ write ⊃ read). */
public final class Roles {

    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String ADMIN = "admin";
    /** Whoever runs the server: manages tenants, sees no tenant's customers. */
    public static final String OPERATOR = "operator";

    /** Authentication attributes carrying the caller's tenant and key. */
    public static final String TENANT_ATTRIBUTE = "tenantId";
    public static final String KEY_ATTRIBUTE = "keyId";
    public static final String ROLE_ATTRIBUTE = "role";

    private Roles() {
    }
}
