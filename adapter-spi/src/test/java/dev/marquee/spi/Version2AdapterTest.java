package dev.marquee.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An adapter written against version 2, which knows neither the context nor release outcomes, still works. */
class Version2AdapterTest {
    private final List<String> calls = new ArrayList<>();

    @Test
    void theContextMethodCreatesAVersion2AdapterByItsChainId() {
        version2(TheatreAdapterFactory.class).create(ChainContext.of("aurora"), Map.of("base-url", "http://chain"));

        assertEquals(List.of("create aurora"), calls);
    }

    @Test
    void releaseOnAVersion2AdapterReleasesTheLockAndAnswersReleased() {
        assertEquals(new ReleaseOutcome.Released(), version2(TheatreAdapter.class).release("L1"));
        assertEquals(List.of("releaseLock L1"), calls);
    }

    /** A version 3 adapter cannot look anything up: the defaults claim nothing, rather than a wrong Gone or NotFound. */
    @Test
    void lookupsOnAnOlderAdapterAnswerUnsupportedWithoutCallingIt() {
        TheatreAdapter adapter = version2(TheatreAdapter.class);

        assertEquals(new LockLookup.Unsupported(), adapter.findLock("S1", "hold-1"));
        assertEquals(new BookingLookup.Unsupported(), adapter.findBooking("booking-1"));
        assertEquals(List.of(), calls);
    }

    /**
     * An implementation of exactly the abstract methods, as one built against version 2 has: it records each
     * call as the method's name and first argument; the default methods are the SPI's own.
     */
    private <T> T version2(Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            calls.add(method.getName() + " " + args[0]);
            return null;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
