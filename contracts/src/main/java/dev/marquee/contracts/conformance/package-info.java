/**
 * The adapter conformance kit: abstract JUnit 5 tests that every {@link dev.marquee.spi.TheatreAdapter}'s
 * own test class extends, giving the adapter under test and a {@link dev.marquee.contracts.conformance.ChainControl}
 * over the chain behind it.
 */
package dev.marquee.contracts.conformance;
