package dev.marquee.gateway.limits;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of the customer behind a request. Behind a load balancer every socket comes from the balancer, so a
 * request from a trusted proxy ({@code marquee.limits.trusted-proxies}) is read from its {@code X-Forwarded-For}: the
 * rightmost hop that is not itself a trusted proxy, since a client can write anything to the left of what its first
 * proxy appended. From anyone else the header is ignored and the socket's address counts.
 */
@Singleton
public class CustomerAddresses {
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<AddressBlock> trusted;

    public CustomerAddresses(LimitSettings settings) {
        this.trusted = settings.trustedProxies().stream().map(AddressBlock::parse).toList();
    }

    public String of(HttpRequest<?> request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        if (!trusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        request.getHeaders().getAll(FORWARDED_FOR).forEach(value -> {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        });
        InetAddress customer = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                break; // garbage: the last hop we could trust is the best we know
            }
            customer = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return customer.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        return trusted.stream().anyMatch(block -> block.contains(address));
    }

    private static InetAddress parse(String hop) {
        try {
            return InetAddress.getByAddress(AddressBlock.literal(hop));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }
}
