package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

/** A vehicle the customer owns (PersonaClick "auto": brand, model, VIN or VDS). */
public record Vehicle(String brand, String model, String vin, String vds) {

    public Vehicle {
        for (String value : new String[]{brand, model, vin, vds}) {
            if (value != null && (value.isBlank() || value.length() > 100)) {
                throw new InvalidValueException("invalid-value", "vehicle fields must be 1 to 100 characters");
            }
        }
        if (brand == null && model == null && vin == null && vds == null) {
            throw new InvalidValueException("invalid-value", "a vehicle needs a brand, model, vin or vds");
        }
    }
}
