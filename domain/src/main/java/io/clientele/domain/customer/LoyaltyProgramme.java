package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A loyalty programme the tenant runs (Capillary programId), with its tiers. */
public record LoyaltyProgramme(int id, String name, List<Tier> tiers) {

    public record Tier(int number, String name) {
        public Tier {
            if (number <= 0) {
                throw new InvalidValueException("invalid-tier", "tier numbers are positive integers");
            }
            if (name == null || name.isBlank() || name.length() > 100) {
                throw new InvalidValueException("invalid-tier", "a tier needs a name of 1 to 100 characters");
            }
        }
    }

    public LoyaltyProgramme {
        if (id <= 0) {
            throw new InvalidValueException("invalid-programme", "programme id must be a positive integer");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidValueException("invalid-programme", "programme name must be 1 to 200 characters");
        }
        tiers = List.copyOf(tiers == null ? List.of() : tiers);
        Set<Integer> numbers = new HashSet<>();
        for (Tier tier : tiers) {
            if (!numbers.add(tier.number())) {
                throw new InvalidValueException("invalid-tier", "tier " + tier.number() + " is listed twice");
            }
        }
    }

    public boolean hasTier(int number) {
        return tiers.stream().anyMatch(t -> t.number() == number);
    }
}
