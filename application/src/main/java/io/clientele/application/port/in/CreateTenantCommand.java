package io.clientele.application.port.in;

/** Register a business. {@code mergePolicy} null means MERGE; {@code timeZone} null means UTC. */
public record CreateTenantCommand(String id, String name, String defaultRegion, String timeZone,
                                  String mergePolicy) {
}
