package io.clientele.application.port.out;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.tenant.TenantId;

/** Which customers a list asks for; null members don't filter. */
public record CustomerFilter(TenantId tenantId, String tag, String mailingList, Channel grantedConsent,
                             String canonicalId) {
}
