package dev.marquee.gateway.accounts;

/**
 * A change to an account's profile; each field null when unchanged, blank (name, phone, default city) to clear it.
 * A new email must be verified again.
 */
public record Profile(String name, String email, String phone, String defaultCityId) {
}
