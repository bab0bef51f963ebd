package io.clientele.adapter.in.rest.dialect.capillary;

/**
 * The codes this dialect answers with. 8006, 8011, 8013, 8015 and 8050 are Capillary's (API.md); the others are
 * chosen here in the same range, for failures Capillary's page gives no code for.
 */
enum CapillaryCode {
    /** Ours: the body is not JSON or not the documented shape. */
    INVALID_REQUEST(8001, "Invalid request body"),
    SAME_SOURCE_EXISTS(8006, "Add failed, Customer already exists for same source"),
    INVALID_SOURCE(8011, "Invalid source"),
    /** Ours: an account id that is blank or longer than 100 characters. */
    INVALID_ACCOUNT_ID(8012, "Invalid account id"),
    INVALID_IDENTIFIER(8013, "Invalid identifier"),
    /** Ours: a registration with no identifier at all. */
    NO_IDENTIFIER(8014, "No identifier passed"),
    CUSTOMER_NOT_FOUND(8015, "Customer not found for the given identifiers"),
    /** Ours: a profile value, custom field, comm channel, createDate or loyaltyType that breaks a rule. */
    INVALID_FIELD(8016, "Invalid field value"),
    /** Ours: an extended field that is not declared for the org, or whose value doesn't fit its type. */
    INVALID_EXTENDED_FIELD(8017, "Invalid extended field"),
    /** Ours: an enrolment in a programme or tier that is not declared for the org. */
    INVALID_ENROLMENT(8018, "Invalid loyalty program enrollment"),
    /**
     * Ours: the identifiers can't be registered: one is reserved by a deleted customer, or (tenant policy REJECT)
     * they belong to several customers that may not be combined.
     */
    IDENTIFIER_CONFLICT(8019, "Add failed, identifiers belong to customers that can't be combined"),
    /** A warning, not an error: the registration joined a customer known from another source. */
    COMBINED_WITH_OTHER_SOURCE(8050, "Same Customer found in other sources,Combining");

    private final int code;
    private final String message;

    CapillaryCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    int code() {
        return code;
    }

    String message() {
        return message;
    }
}
