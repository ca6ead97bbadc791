package com.whatsdex.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a network of one), as the
 * settings that list networks take them. Only address literals are accepted: parsing never looks a name up.
 */
public record Cidr(byte[] prefix, int bits) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    /**
     * @param setting the setting's name, for the message when {@code cidr} is not a network
     * @throws IllegalArgumentException when it is not one
     */
    public static Cidr parse(String cidr, String setting) {
        int slash = cidr.indexOf('/');
        String host = slash < 0 ? cidr : cidr.substring(0, slash);
        try {
            if (!IPV4.matcher(host).matches()
                    && !(host.contains(":") && IPV6.matcher(host).matches())) {
                throw new IllegalArgumentException("not an address");
            }
            byte[] prefix = InetAddress.getByName(host).getAddress(); // a literal: no lookup
            int bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > prefix.length * 8) {
                throw new IllegalArgumentException("bad prefix length");
            }
            return new Cidr(prefix, bits);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": '" + cidr + "' is not a CIDR such as 10.0.0.0/8", e);
        }
    }

    /** Whether the address is in this network (an IPv4 address is never in an IPv6 network, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != prefix.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (prefix[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
