package dev.marquee.adapters.rest;

import dev.marquee.adapters.SandboxChainControl;
import dev.marquee.contracts.conformance.ChainControl;
import dev.marquee.contracts.conformance.TheatreAdapterConformance;
import dev.marquee.contracts.sandbox.SandboxTheatre;
import dev.marquee.spi.TheatreAdapter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance kit run against the REST adapter talking to a real sandbox theatre. */
class RestAdapterConformanceTest extends TheatreAdapterConformance {
    private static SandboxTheatre sandbox;
    private static TheatreAdapter adapter;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxTheatre.builder().seed(11).size("small").start();
        // A small page size, so that every catalogue read of the small catalogue crosses pages.
        adapter = new RestTheatreAdapterFactory().create("sandbox-11",
                Map.of("base-url", sandbox.baseUrl().toString(), "page-size", "25"));
    }

    @AfterAll
    static void stopSandbox() {
        if (adapter != null) {
            adapter.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    protected TheatreAdapter adapter() {
        return adapter;
    }

    @Override
    protected ChainControl chain() {
        return new SandboxChainControl(sandbox.admin());
    }

    @Override
    protected boolean looksUpByReference() {
        return true;
    }
}
