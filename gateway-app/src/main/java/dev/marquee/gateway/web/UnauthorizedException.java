package dev.marquee.gateway.web;

import java.util.Map;

/** The request has no token, or not one the gateway accepts: answered 401 with {@code WWW-Authenticate: Bearer}. */
public class UnauthorizedException extends ProblemException {
    static final String DETAIL = "Send the token as 'Authorization: Bearer <token>'";

    /** No {@code Authorization: Bearer} token at all. */
    public UnauthorizedException() {
        this(DETAIL);
    }

    /** A token, but not one that opens this resource (a staff key that no venue has, say). */
    public UnauthorizedException(String detail) {
        super(Problem.of(ProblemType.UNAUTHORIZED, detail), Map.of("WWW-Authenticate", Bearer.SCHEME), null);
    }
}
