package dev.marquee.gateway.accounts;

/** The catalogue's cities, as far as a profile needs them. */
public interface Cities {

    boolean exists(String cityId);
}
