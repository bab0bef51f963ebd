package com.example.shop;

import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.service.UuidV7Generator;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * The shop's ids replace Clientele's {@link UuidV7Generator} (customer and API key ids, and the shop's own order
 * ids). Clientele stores ids in CHAR(36) columns: a replacement must return at most 36 characters.
 */
@Singleton
@Replaces(UuidV7Generator.class)
public class ShopIdGenerator implements IdGenerator {

    @Override
    public String newId() {
        return UUID.randomUUID().toString();
    }
}
