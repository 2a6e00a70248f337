package dev.socketeer.server.customers;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of {@code POST} and {@code PATCH /api/v1/customers}. Stateless. */
final class CustomerRequests {
    static final String PHONE = "\\+?[0-9][0-9 ().-]{2,29}";
    static final String PHONE_MESSAGE = "must be a phone number: digits, spaces, ( ) . - and an optional leading +";

    private CustomerRequests() {}

    /** A new customer: name and email required, phone optional. */
    record Create(@NotBlank @Size(max = 200) String name,
                  @NotBlank @Email @Size(max = 254) String email,
                  @Pattern(regexp = PHONE, message = PHONE_MESSAGE) @Size(max = 30) String phone) {}

    /**
     * A change: the fields that are present and not null change; {@code "phone": ""} removes the phone. At
     * least one field is needed.
     */
    record Update(@Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 200) String name,
                  @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Email @Size(max = 254) String email,
                  @Pattern(regexp = "|" + PHONE, message = PHONE_MESSAGE) @Size(max = 30) String phone) {

        @AssertTrue(message = "must hold at least one of name, email, phone")
        boolean isChange() {
            return name != null || email != null || phone != null;
        }
    }
}
