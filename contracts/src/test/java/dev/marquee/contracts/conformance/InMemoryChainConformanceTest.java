package dev.marquee.contracts.conformance;

import dev.marquee.spi.TheatreAdapter;

/** The kit against a chain known to be correct: every test of the kit must pass, or the kit is wrong. */
class InMemoryChainConformanceTest extends TheatreAdapterConformance {
    private final InMemoryChain chain = new InMemoryChain();

    @Override
    protected TheatreAdapter adapter() {
        return chain;
    }

    @Override
    protected ChainControl chain() {
        return chain;
    }

    @Override
    protected boolean looksUpByReference() {
        return true;
    }
}
