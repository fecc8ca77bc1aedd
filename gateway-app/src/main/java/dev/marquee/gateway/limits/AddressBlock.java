package dev.marquee.gateway.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address, or a CIDR block of them ({@code 10.0.0.0/8}, {@code fd00::/8}). Parsed without any DNS lookup. */
record AddressBlock(byte[] network, int prefixBits) {

    static AddressBlock parse(String text) {
        int slash = text.indexOf('/');
        byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
        int bits = slash < 0 ? address.length * 8 : prefix(text.substring(slash + 1), address.length * 8);
        return new AddressBlock(address, bits);
    }

    boolean contains(InetAddress candidate) {
        byte[] other = candidate.getAddress();
        if (other.length != network.length) {
            return false;
        }
        int whole = prefixBits / 8;
        for (int i = 0; i < whole; i++) {
            if (other[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (other[whole] & mask) == (network[whole] & mask);
    }

    /** The bytes of an IPv4 or IPv6 literal; a host name is refused rather than looked up. */
    static byte[] literal(String text) {
        String value = text.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        boolean ipv4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = value.contains(":") && value.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }

    private static int prefix(String text, int max) {
        int bits = Integer.parseInt(text.strip());
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix out of range: " + text);
        }
        return bits;
    }
}
