package com.example.shop;

import io.micronaut.runtime.Micronaut;

/** The host's main: an ordinary Micronaut application; Clientele's beans come with its jars. */
public final class ShopApplication {

    private ShopApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ShopApplication.class, args);
    }
}
