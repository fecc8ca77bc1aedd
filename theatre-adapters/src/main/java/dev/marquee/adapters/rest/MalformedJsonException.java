package dev.marquee.adapters.rest;

/** A body that parsed as JSON but breaks the theatre API's schema; the adapter turns it into a protocol failure. */
final class MalformedJsonException extends RuntimeException {
    MalformedJsonException(String message) {
        super(message);
    }
}
