package com.example.shop;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** The host's own HTTP endpoint (Clientele's /v1 API is not part of this host). */
@Controller("/shop")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CheckoutController {

    private final CheckoutService checkout;

    public CheckoutController(CheckoutService checkout) {
        this.checkout = checkout;
    }

    @Post("/{shopId}/checkout")
    public CheckoutService.Order checkout(String shopId, @Body CheckoutRequest request) {
        return checkout.checkout(shopId, request.email(), request.phone(), request.total());
    }

    @Serdeable
    public record CheckoutRequest(String email, String phone, BigDecimal total) {
    }
}
