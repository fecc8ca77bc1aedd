package dev.marquee.gateway.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

/**
 * Limits on what a request may carry in its path and query, from {@code marquee.web.*}. The body's size is
 * Micronaut's own {@code micronaut.server.max-request-size} (64 KB by default in application.yml).
 *
 * @param maxParameterLength most characters of one path or query value (ids are far shorter), default 200
 */
@ConfigurationProperties("marquee.web")
public record RequestLimits(@Nullable Integer maxParameterLength) {
    static final int DEFAULT_MAX_PARAMETER_LENGTH = 200;

    public RequestLimits {
        if (maxParameterLength != null && maxParameterLength < 1) {
            throw new ConfigurationException("marquee.web.max-parameter-length must be at least 1: " + maxParameterLength);
        }
    }

    public int maxParameterLengthOrDefault() {
        return maxParameterLength == null ? DEFAULT_MAX_PARAMETER_LENGTH : maxParameterLength;
    }
}
