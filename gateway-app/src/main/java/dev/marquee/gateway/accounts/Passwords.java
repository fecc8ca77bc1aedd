package dev.marquee.gateway.accounts;

/** Password hashing: a slow, salted hash, never reversible. */
public interface Passwords {

    String hash(String password);

    boolean matches(String password, String hash);
}
