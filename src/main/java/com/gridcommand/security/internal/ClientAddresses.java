package com.gridcommand.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who is signing in, as far as the sign-in limits are concerned: the address the connection comes from.
 * {@code X-Forwarded-For} is believed only when the connection comes from a trusted proxy
 * ({@code gridcommand.security.trusted-proxies}, addresses or CIDR ranges; none by default), and then only
 * as far as it was written by trusted proxies: the client is the rightmost address in it that is not one of
 * them — anything left of that the client may have written itself. IPv6 clients count by their /64 network,
 * since one machine can hold a whole /64.
 */
@Component
class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    static final String UNKNOWN = "unknown";

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddresses(@Value("${gridcommand.security.trusted-proxies:}") List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(IpAddressMatcher::new).toList();
    }

    /** The client of the sign-in being checked: from the current request, else from the attempt's details. */
    String of(Authentication attempt) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) return of(request.getRequest());
        if (attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return key(details.getRemoteAddress());
        }
        return UNKNOWN;
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (peer == null || !trusted(peer)) return key(peer);
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) if (!hop.isBlank()) hops.add(hop.trim());
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = literal(hops.get(i));
            // Written by a trusted proxy, so it is what that proxy saw; a proxy is passed over, anything else is the client.
            if (hop == null) return key(hops.get(i));
            if (!trusted(hop)) return key(hop);
        }
        return key(hops.isEmpty() ? peer : hops.getFirst());
    }

    private boolean trusted(String address) {
        String literal = literal(address);
        return literal != null && trustedProxies.stream().anyMatch(m -> m.matches(literal));
    }

    /** The address without brackets or port if it is an IP address literal; null for anything else (never looked up). */
    static String literal(String value) {
        if (value == null) return null;
        String v = value.trim();
        if (v.startsWith("[") && v.contains("]")) v = v.substring(1, v.indexOf(']'));
        else if (v.indexOf(':') > 0 && v.indexOf(':') == v.lastIndexOf(':') && IPV4.matcher(v.substring(0, v.indexOf(':'))).matches()) {
            v = v.substring(0, v.indexOf(':'));   // IPv4 with a port
        }
        if (IPV4.matcher(v).matches()) {
            for (String octet : v.split("\\.")) if (Integer.parseInt(octet) > 255) return null;
            return v;
        }
        return IPV6.matcher(v).matches() ? v : null;
    }

    /** The key the limits count by: an IPv4 address, an IPv6 /64 network, or (never an address) a short opaque text. */
    static String key(String address) {
        String literal = literal(address);
        if (literal == null) {
            String opaque = address == null || address.isBlank() ? UNKNOWN : address.trim().toLowerCase(Locale.ROOT);
            return opaque.length() > 64 ? opaque.substring(0, 64) : opaque;
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal);   // a literal: parsed, not looked up
            if (parsed instanceof Inet4Address) return parsed.getHostAddress();
            if (parsed instanceof Inet6Address) {
                byte[] b = parsed.getAddress();
                return String.format("%x:%x:%x:%x::/64", ((b[0] & 0xff) << 8) | (b[1] & 0xff), ((b[2] & 0xff) << 8) | (b[3] & 0xff),
                        ((b[4] & 0xff) << 8) | (b[5] & 0xff), ((b[6] & 0xff) << 8) | (b[7] & 0xff));
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return UNKNOWN;
        }
    }
}
